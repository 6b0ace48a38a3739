using Orleans.Hosting.Kubernetes;

namespace VoiceHelper.Deployment.Tests.Configuration;

/// <summary>
/// Environment variables without "__" that the deployment files give to VoiceHelper containers, each with what
/// reads it. They are no .NET configuration keys, so <see cref="KnownConfigurationKeys"/> cannot vouch for them.
/// </summary>
internal static class ProcessVariables
{
    /// <summary>Variables that a script of this repository reads, with the scripts that read them.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> ReadByScripts = new Dictionary<string, string[]>
    {
        ["PGPASSWORD_FILE"] = ["docker/entrypoint.sh", "db/migrate.sh", "db/backup.sh"],
        ["MIGRATIONS_DIR"] = ["db/migrate.sh"],
        ["WAIT_SECONDS"] = ["db/migrate.sh"],
        ["BACKUP_DIR"] = ["db/backup.sh"],
        ["BACKUP_KEEP"] = ["db/backup.sh"],
    };

    /// <summary>
    /// Variables that Orleans' Kubernetes hosting reads, taken from the constants of the package itself.
    /// </summary>
    public static readonly IReadOnlyList<string> ReadByOrleansKubernetesHosting =
    [
        KubernetesHostingOptions.PodNameEnvironmentVariable,
        KubernetesHostingOptions.PodNamespaceEnvironmentVariable,
        KubernetesHostingOptions.PodIPEnvironmentVariable,
    ];

    /// <summary>
    /// The libpq variables, which psql reads and of which Npgsql reads PGPASSWORD and PGUSER when the connection
    /// string lacks them. NOTE: taken from the PostgreSQL and Npgsql documentation, not checked against code here.
    /// </summary>
    public static readonly IReadOnlyList<string> ReadByPostgresClients = ["PGHOST", "PGPORT", "PGDATABASE", "PGUSER", "PGPASSWORD"];

    /// <summary>The variables that name the .NET host environment (Development, Staging, Production).</summary>
    public static readonly IReadOnlyList<string> ReadByDotnetHost = ["DOTNET_ENVIRONMENT", "ASPNETCORE_ENVIRONMENT"];

    /// <summary>Returns whether a variable has a known reader.</summary>
    public static bool IsKnown(string name) =>
        ReadByScripts.ContainsKey(name)
        || ReadByOrleansKubernetesHosting.Contains(name)
        || ReadByPostgresClients.Contains(name)
        || ReadByDotnetHost.Contains(name);
}
