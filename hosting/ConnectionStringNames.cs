using Microsoft.Extensions.Configuration;

namespace VoiceHelper.Hosting;

/// <summary>Names under <c>ConnectionStrings</c> in configuration.</summary>
public static class ConnectionStringNames
{
    /// <summary>An Npgsql connection string for the service's database.</summary>
    public const string Postgres = "Postgres";

    /// <summary>A StackExchange.Redis configuration string for cluster membership.</summary>
    public const string Redis = "Redis";

    /// <summary>Returns the named connection string or throws an error that names the variable to set.</summary>
    public static string GetRequired(IConfiguration configuration, string name) =>
        configuration.GetConnectionString(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"Connection string '{name}' is not set. Set the environment variable ConnectionStrings__{name} " +
                "or the ConnectionStrings section of appsettings.json.");
}
