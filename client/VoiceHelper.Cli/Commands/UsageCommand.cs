using System.CommandLine;
using System.Globalization;
using VoiceHelper.Cli.Output;

namespace VoiceHelper.Cli.Commands;

/// <summary><c>vh usage</c>: the tenant's usage counters.</summary>
internal static class UsageCommand
{
    public static Command Create(Func<ParseResult, CliContext> contextOf)
    {
        var command = new Command("usage", "Shows the tenant's usage since it was created: messages, characters and audio.");
        command.SetAction(async (parse, cancellationToken) =>
        {
            var context = contextOf(parse);
            using var client = context.CreateClient();

            var usage = await client.GetUsageAsync(cancellationToken);
            if (context.Json)
            {
                // The names of GET /api/v1/usage, with audio seconds rounded to milliseconds.
                JsonOutput.Write(context.Terminal.Out, new
                {
                    Turns = usage.MessageCount,
                    usage.CharactersIn,
                    usage.CharactersOut,
                    AudioSeconds = Math.Round(usage.AudioSeconds, 3),
                    usage.UpdatedAt,
                    AudioSecondsOut = Math.Round(usage.AudioSecondsOut, 3),
                });
                return ExitCodes.Success;
            }

            var rows = new[]
            {
                new[] { "messages", usage.MessageCount.ToString(CultureInfo.InvariantCulture) },
                ["characters in", usage.CharactersIn.ToString(CultureInfo.InvariantCulture)],
                ["characters out", usage.CharactersOut.ToString(CultureInfo.InvariantCulture)],
                ["audio seconds in", usage.AudioSeconds.ToString("0.0", CultureInfo.InvariantCulture)],
                ["audio seconds out", usage.AudioSecondsOut.ToString("0.0", CultureInfo.InvariantCulture)],
                ["updated", usage.UpdatedAt is { } updated ? TextTable.Time(updated) : "never"],
            };
            TextTable.Write(context.Terminal.Out, ["COUNTER", "VALUE"], rows);
            return ExitCodes.Success;
        });
        return command;
    }
}
