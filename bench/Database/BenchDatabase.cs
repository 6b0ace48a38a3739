using Npgsql;
using VoiceHelper.Bench.Harness;

namespace VoiceHelper.Bench.Database;

/// <summary>
/// The migrated PostgreSQL database that <c>build.ps1 bench</c> creates and names in
/// <c>VOICEHELPER_BENCH_POSTGRES</c>, and the tenant rows that benchmarks create in it.
/// </summary>
internal static class BenchDatabase
{
    public const string VariableName = "VOICEHELPER_BENCH_POSTGRES";

    /// <exception cref="BenchmarkConfigurationException">The environment variable is not set.</exception>
    public static string ConnectionString =>
        Environment.GetEnvironmentVariable(VariableName) is { Length: > 0 } value
            ? value
            : throw new BenchmarkConfigurationException(
                $"{VariableName} is not set. Run the benchmarks with 'dotnet pwsh ./build.ps1 bench', which " +
                $"starts PostgreSQL, or set {VariableName} to the Npgsql connection string of a database with " +
                "db/migrations applied.");

    /// <summary>Inserts a tenant named <paramref name="namePrefix"/> plus its new id, and returns the id.</summary>
    public static async Task<Guid> CreateTenantAsync(
        NpgsqlDataSource dataSource, string namePrefix, CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid();
        await using var command = dataSource.CreateCommand("INSERT INTO tenants (id, name) VALUES ($1, $2)");
        command.Parameters.Add(new() { Value = id });
        command.Parameters.Add(new() { Value = $"{namePrefix}-{id:N}" });
        await command.ExecuteNonQueryAsync(cancellationToken);
        return id;
    }

    /// <summary>Deletes a tenant, and through the schema's cascades its conversations and turns.</summary>
    public static async Task DeleteTenantAsync(
        NpgsqlDataSource dataSource, Guid tenantId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM tenants WHERE id = $1");
        command.Parameters.Add(new() { Value = tenantId });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Deletes the tenant of a benchmark's deployment by its name, with what cascades from it, and the grain state of
    /// the deployment's cluster when it started.
    /// </summary>
    public static async Task DeleteDeploymentDataAsync(
        string tenantName, string? clusterId, CancellationToken cancellationToken)
    {
        await using var dataSource = NpgsqlDataSource.Create(ConnectionString);
        await using (var command = dataSource.CreateCommand("DELETE FROM tenants WHERE name = $1"))
        {
            command.Parameters.Add(new() { Value = tenantName });
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        if (clusterId is not null)
        {
            await DeleteGrainStateAsync(dataSource, clusterId, cancellationToken);
        }
    }

    /// <summary>Deletes the grain state that the silos of one Orleans service id stored.</summary>
    public static async Task DeleteGrainStateAsync(
        NpgsqlDataSource dataSource, string serviceId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM orleans_grain_state WHERE service_id = $1");
        command.Parameters.Add(new() { Value = serviceId });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
