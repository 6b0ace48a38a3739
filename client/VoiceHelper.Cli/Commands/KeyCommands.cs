using System.CommandLine;
using VoiceHelper.Cli.Output;

namespace VoiceHelper.Cli.Commands;

/// <summary><c>vh keys create|list|revoke</c>: the tenant's API keys, for administrator keys.</summary>
internal static class KeyCommands
{
    public static Command Create(Func<ParseResult, CliContext> contextOf)
    {
        var command = new Command("keys", "Creates, lists and revokes the tenant's API keys; needs an administrator key.");
        command.Subcommands.Add(CreateCommand(contextOf));
        command.Subcommands.Add(ListCommand(contextOf));
        command.Subcommands.Add(RevokeCommand(contextOf));
        return command;
    }

    private static Command CreateCommand(Func<ParseResult, CliContext> contextOf)
    {
        var name = new Argument<string>("name") { Description = "What the key is for, 1 to 100 characters." };
        InputChecks.RejectBlank(name, "a name of 1 to 100 characters that says what the key is for");
        var admin = new Option<bool>("--admin") { Description = "Lets the key manage keys and open the dashboard." };
        var command = new Command("create", "Creates a key and prints it alone on the last line; it is shown only once.")
        {
            name, admin,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var context = contextOf(parse);
            using var client = context.CreateClient();

            var created = await client.Keys.CreateAsync(parse.GetRequiredValue(name), parse.GetValue(admin), cancellationToken);
            if (context.Json)
            {
                JsonOutput.Write(context.Terminal.Out, created);
            }
            else
            {
                var key = created.ApiKey;
                context.Terminal.Out.WriteLine(
                    $"Created API key {key.Id} '{key.Name}' ({key.Prefix}...{(key.Admin ? ", administrator" : string.Empty)}). " +
                    "Store it now; it is shown only once:");
                context.Terminal.Out.WriteLine(created.Key);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command ListCommand(Func<ParseResult, CliContext> contextOf)
    {
        var command = new Command("list", "Lists the tenant's keys without their secrets.");
        command.SetAction(async (parse, cancellationToken) =>
        {
            var context = contextOf(parse);
            using var client = context.CreateClient();

            var keys = await client.Keys.ListAsync(cancellationToken);
            if (context.Json)
            {
                JsonOutput.Write(context.Terminal.Out, keys);
                return ExitCodes.Success;
            }

            var rows = keys.Select(key => new[]
            {
                key.Id.ToString(), key.Name, key.Prefix, key.Admin ? "yes" : "no", TextTable.Time(key.CreatedAt),
                key.RevokedAt is { } revoked ? TextTable.Time(revoked) : string.Empty,
            });
            TextTable.Write(context.Terminal.Out, ["ID", "NAME", "PREFIX", "ADMIN", "CREATED", "REVOKED"], rows);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command RevokeCommand(Func<ParseResult, CliContext> contextOf)
    {
        var id = new Argument<string>("id") { Description = "The key's id, from 'vh keys list'." };
        InputChecks.RejectBlank(id, "a key id from 'vh keys list'");
        var command = new Command("revoke", "Revokes a key; the gateway rejects it from the next call on.") { id };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var context = contextOf(parse);
            var value = parse.GetRequiredValue(id);
            var keyId = Guid.TryParse(value, out var parsed)
                ? parsed
                : throw CommandFailedException.Usage($"'{value}' is not a key id; list the keys with 'vh keys list'.");
            using var client = context.CreateClient();

            // Revoking a revoked key succeeds without a change, so the list tells whether this call revoked it.
            var keys = await client.Keys.ListAsync(cancellationToken);
            var earlier = keys.FirstOrDefault(key => key.Id == keyId && key.RevokedAt is not null);
            var revoked = earlier ?? await client.Keys.RevokeAsync(keyId, cancellationToken);
            if (context.Json)
            {
                JsonOutput.Write(context.Terminal.Out, revoked);
            }
            else if (earlier is { RevokedAt: { } revokedAt })
            {
                context.Terminal.Out.WriteLine(
                    $"API key {earlier.Id} '{earlier.Name}' ({earlier.Prefix}...) was already revoked at {TextTable.Time(revokedAt)}.");
            }
            else
            {
                context.Terminal.Out.WriteLine($"Revoked API key {revoked.Id} '{revoked.Name}' ({revoked.Prefix}...).");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
