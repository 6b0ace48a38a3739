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

    private const int UsageError = 2;
    private const int Failure = 1;

    private const string Usage = """
        Usage:
          VoiceHelper.Gateway keys create --tenant NAME [--name NAME] [--admin]
              Creates the tenant when it does not exist, then a key for it. The key is printed alone on the
              last line of standard output; it is shown only once.
          VoiceHelper.Gateway keys list --tenant NAME
              Lists the tenant's keys: id, name, prefix, admin, created and revoked times.
          VoiceHelper.Gateway keys revoke --tenant NAME --id KEY_ID
              Revokes one key of the tenant.
        The database is ConnectionStrings__Postgres, for example
        ConnectionStrings__Postgres='Host=127.0.0.1;Port=55432;Username=voicehelper;Database=voicehelper'.
        """;

    /// <summary>Runs the verb and returns the process exit code: 0 on success, 2 on a usage error, 1 otherwise.</summary>
    public static async Task<int> RunAsync(string[] args, IConfiguration configuration)
    {
        if (args.Length < 2)
        {
            return await FailAsync(UsageError, "A keys command is missing; use create, list or revoke.");
        }

        if (!KeyCommandOptions.TryParse(args[2..], out var options, out var usageError))
        {
            return await FailAsync(UsageError, usageError);
        }

        var connectionString = configuration.GetConnectionString(ConnectionStringNames.Postgres);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return await FailAsync(UsageError, "ConnectionStrings__Postgres is not set.");
        }

        try
        {
            await using var dataSource = NpgsqlDataSource.Create(connectionString);
            var store = new ApiKeyStore(dataSource, TimeProvider.System);
            return args[1] switch
            {
                "create" => await CreateAsync(store, options),
                "list" => await ListAsync(store, options),
                "revoke" => await RevokeAsync(store, options),
                _ => await FailAsync(UsageError, $"Unknown keys command '{args[1]}'; use create, list or revoke."),
            };
        }
        catch (NpgsqlException exception)
        {
            await Console.Error.WriteLineAsync(
                $"The database call failed: {exception.Message} Check ConnectionStrings__Postgres and that PostgreSQL runs.");
            return Failure;
        }
    }

    private static async Task<int> CreateAsync(ApiKeyStore store, KeyCommandOptions options)
    {
        if (options.Tenant is null)
        {
            return await FailAsync(UsageError, "Option --tenant is required.");
        }

        var tenantId = await store.EnsureTenantAsync(options.Tenant, CancellationToken.None);
        var (record, key) = await store.CreateAsync(tenantId, options.Name ?? "cli", options.Admin, CancellationToken.None);
        Console.WriteLine($"Created API key {record.Id} ({record.Prefix}...) for tenant '{options.Tenant}' ({tenantId}).");
        Console.WriteLine(key);
        return 0;
    }

    private static async Task<int> ListAsync(ApiKeyStore store, KeyCommandOptions options)
    {
        if (options.Tenant is null)
        {
            return await FailAsync(UsageError, "Option --tenant is required.");
        }

        if (await store.FindTenantAsync(options.Tenant, CancellationToken.None) is not { } tenantId)
        {
            return await FailAsync(Failure, $"Tenant '{options.Tenant}' does not exist.");
        }

        foreach (var key in await store.ListAsync(tenantId, CancellationToken.None))
        {
            var revoked = key.RevokedAt is { } at ? $"revoked {at:u}" : "active";
            Console.WriteLine($"{key.Id}  {key.Prefix}...  {key.Name}  admin={key.IsAdmin}  created {key.CreatedAt:u}  {revoked}");
        }

        return 0;
    }

    private static async Task<int> RevokeAsync(ApiKeyStore store, KeyCommandOptions options)
    {
        if (options.Tenant is null || options.KeyId is null)
        {
            return await FailAsync(UsageError, "Options --tenant and --id (a UUID) are required.");
        }

        var tenantId = await store.FindTenantAsync(options.Tenant, CancellationToken.None);
        if (tenantId is null || await store.RevokeAsync(tenantId.Value, options.KeyId.Value, CancellationToken.None) is null)
        {
            return await FailAsync(Failure, $"Tenant '{options.Tenant}' has no API key '{options.KeyId}'.");
        }

        Console.WriteLine($"Revoked API key {options.KeyId} of tenant '{options.Tenant}'.");
        return 0;
    }

    private static async Task<int> FailAsync(int exitCode, string message)
    {
        await Console.Error.WriteLineAsync(exitCode == UsageError ? $"{message}\n{Usage}" : message);
        return exitCode;
    }
}
