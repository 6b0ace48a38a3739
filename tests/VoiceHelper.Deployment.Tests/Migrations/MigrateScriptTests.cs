using Npgsql;
using VoiceHelper.Deployment.Tests.Infrastructure;

namespace VoiceHelper.Deployment.Tests.Migrations;

/// <summary>
/// Runs db/migrate.sh, which the migration image runs, against a scratch database on the test PostgreSQL, and
/// compares the result with the database that build.ps1 migrated.
/// </summary>
[Trait("Category", "Integration")]
public sealed class MigrateScriptTests : IAsyncLifetime
{
    private const string TestPostgresVariable = "VOICEHELPER_TEST_POSTGRES";

    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromSeconds(120);

    private readonly string _database = $"voicehelper_migrate_{Guid.NewGuid():N}";

    [MigrationFact]
    public async Task Migrate_EmptyDatabase_AppliesEveryFileInOrder()
    {
        var result = await RunScriptAsync();

        var applied = await QueryNamesAsync(_database, "SELECT name FROM schema_migrations ORDER BY applied_at, name");

        Assert.True(result.ExitCode == 0, result.StandardError);
        Assert.Equal(MigrationFiles(), applied);
    }

    [MigrationFact]
    public async Task Migrate_SecondRun_AppliesNothing()
    {
        await RunScriptAsync();

        var second = await RunScriptAsync();

        Assert.True(second.ExitCode == 0, second.StandardError);
        Assert.DoesNotContain("Applying migration", second.StandardError);
        Assert.Contains("is up to date", second.StandardError);
    }

    [MigrationFact]
    public async Task Migrate_Result_MatchesBuildScriptDatabase()
    {
        await RunScriptAsync();
        var testDatabase = new NpgsqlConnectionStringBuilder(TestConnectionString).Database!;
        const string Tables = "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1";

        var scriptTables = await QueryNamesAsync(_database, Tables);
        var buildScriptTables = await QueryNamesAsync(testDatabase, Tables);

        Assert.Equal(buildScriptTables, scriptTables);
    }

    public Task InitializeAsync() =>
        string.IsNullOrEmpty(Environment.GetEnvironmentVariable(TestPostgresVariable))
            ? Task.CompletedTask
            : ExecuteAsync(null, $"CREATE DATABASE {_database}");

    public Task DisposeAsync() =>
        string.IsNullOrEmpty(Environment.GetEnvironmentVariable(TestPostgresVariable))
            ? Task.CompletedTask
            : ExecuteAsync(null, $"DROP DATABASE IF EXISTS {_database} WITH (FORCE)");

    private static string TestConnectionString => Environment.GetEnvironmentVariable(TestPostgresVariable)!;

    private static List<string> MigrationFiles() =>
        Directory.GetFiles(RepositoryFiles.PathOf("db/migrations"), "*.sql")
            .Select(Path.GetFileName)
            .Order(StringComparer.Ordinal)
            .ToList()!;

    private Task<ToolResult> RunScriptAsync()
    {
        var connection = new NpgsqlConnectionStringBuilder(TestConnectionString);
        var environment = new Dictionary<string, string?>
        {
            ["PGHOST"] = connection.Host,
            ["PGPORT"] = connection.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["PGUSER"] = connection.Username,
            ["PGPASSWORD"] = connection.Password,
            ["PGDATABASE"] = _database,
            ["WAIT_SECONDS"] = "10",
        };
        return ExternalTool.RunAsync("sh", [RepositoryFiles.PathOf("db/migrate.sh")], ScriptTimeout, environment: environment);
    }

    private static async Task<List<string>> QueryNamesAsync(string database, string sql)
    {
        var builder = new NpgsqlConnectionStringBuilder(TestConnectionString) { Database = database };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var names = new List<string>();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    private static async Task ExecuteAsync(string? database, string sql)
    {
        var builder = new NpgsqlConnectionStringBuilder(TestConnectionString) { Database = database ?? "postgres" };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
