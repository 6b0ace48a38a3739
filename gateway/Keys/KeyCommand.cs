using Npgsql;
using VoiceHelper.Gateway.Auth;
using VoiceHelper.Hosting;

namespace VoiceHelper.Gateway.Keys;

/// <summary>
/// The <c>keys</c> command line verb, which creates the first key of a tenant before any key exists to call
/// the API with. It reads <c>ConnectionStrings:Postgres</c> like the server does.
/// </summary>
public static class KeyCommand
{
    public const string Verb = "keys";

    private const string Usage = """
        Usage:
          VoiceHelper.Gateway keys create --tenant NAME [--name NAME] [--admin]
              Creates the tenant when it does not exist, then a key for it. The key is printed alone on the
              last line of standard output; it is shown only once.
          VoiceHelper.Gateway keys revoke --tenant NAME --id KEY_ID
              Revokes one key of the tenant.
        """;

    /// <summary>Runs the verb and returns the process exit code: 0 on success, 2 on a usage error, 1 otherwise.</summary>
    public static async Task<int> RunAsync(string[] args, IConfiguration configuration)
    {
        if (args.Length < 2)
        {
            await Console.Error.WriteLineAsync(Usage);
            return 2;
        }

        if (!TryParseOptions(args[2..], out var options, out var usageError))
        {
            return await WriteUsageErrorAsync(usageError);
        }

        var connectionString = ConnectionStringNames.GetRequired(configuration, ConnectionStringNames.Postgres);
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var store = new ApiKeyStore(dataSource, TimeProvider.System);
        return args[1] switch
        {
            "create" => await CreateAsync(store, options),
            "revoke" => await RevokeAsync(store, options),
            _ => await WriteUsageErrorAsync($"Unknown keys command '{args[1]}'; use create or revoke."),
        };
    }

    private static async Task<int> CreateAsync(ApiKeyStore store, Dictionary<string, string> options)
    {
        if (!options.TryGetValue("--tenant", out var tenant))
        {
            return await WriteUsageErrorAsync("Option --tenant is required.");
        }

        var tenantId = await store.EnsureTenantAsync(tenant, CancellationToken.None);
        var name = options.GetValueOrDefault("--name", "cli");
        var (record, key) = await store.CreateAsync(tenantId, name, options.ContainsKey("--admin"), CancellationToken.None);
        Console.WriteLine($"Created API key {record.Id} ({record.Prefix}...) for tenant '{tenant}' ({tenantId}).");
        Console.WriteLine(key);
        return 0;
    }

    private static async Task<int> RevokeAsync(ApiKeyStore store, Dictionary<string, string> options)
    {
        if (!options.TryGetValue("--tenant", out var tenant) || !options.TryGetValue("--id", out var id)
            || !Guid.TryParse(id, out var keyId))
        {
            return await WriteUsageErrorAsync("Options --tenant and --id (a UUID) are required.");
        }

        var tenantId = await store.EnsureTenantAsync(tenant, CancellationToken.None);
        if (await store.RevokeAsync(tenantId, keyId, CancellationToken.None) is null)
        {
            await Console.Error.WriteLineAsync($"Tenant '{tenant}' has no API key '{keyId}'.");
            return 1;
        }

        Console.WriteLine($"Revoked API key {keyId} of tenant '{tenant}'.");
        return 0;
    }

    private static bool TryParseOptions(string[] args, out Dictionary<string, string> options, out string error)
    {
        options = [];
        error = string.Empty;
        for (var i = 0; i < args.Length; i++)
        {
            var option = args[i];
            if (option == "--admin")
            {
                options[option] = "true";
            }
            else if (option is "--tenant" or "--name" or "--id" && i + 1 < args.Length)
            {
                options[option] = args[++i];
            }
            else
            {
                error = $"Unknown option or missing value: '{option}'.";
                return false;
            }
        }

        return true;
    }

    private static async Task<int> WriteUsageErrorAsync(string message)
    {
        await Console.Error.WriteLineAsync($"{message}\n{Usage}");
        return 2;
    }
}
