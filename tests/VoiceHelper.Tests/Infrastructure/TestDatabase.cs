using Npgsql;

namespace VoiceHelper.Tests.Infrastructure;

/// <summary>
/// The PostgreSQL database that <c>build.ps1 test</c> creates, migrates and names in
/// <c>VOICEHELPER_TEST_POSTGRES</c>.
/// </summary>
public static class TestDatabase
{
    public const string VariableName = "VOICEHELPER_TEST_POSTGRES";

    public static string ConnectionString =>
        Environment.GetEnvironmentVariable(VariableName) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{VariableName} is not set. Run the tests with 'dotnet pwsh ./build.ps1 test', which starts PostgreSQL.");

    /// <summary>Inserts a tenant with a unique name and returns its id.</summary>
    public static async Task<Guid> CreateTenantAsync(NpgsqlDataSource dataSource)
    {
        var id = Guid.NewGuid();
        await using var command = dataSource.CreateCommand("INSERT INTO tenants (id, name) VALUES ($1, $2)");
        command.Parameters.Add(new() { Value = id });
        command.Parameters.Add(new() { Value = $"test-{id:N}" });
        await command.ExecuteNonQueryAsync();
        return id;
    }

    /// <summary>Returns how many chunk rows a document has.</summary>
    public static async Task<long> CountChunksAsync(NpgsqlDataSource dataSource, Guid documentId)
    {
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM chunks WHERE document_id = $1");
        command.Parameters.Add(new() { Value = documentId });
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
