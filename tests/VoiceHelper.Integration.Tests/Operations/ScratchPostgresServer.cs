using Npgsql;
using VoiceHelper.Integration.Tests.Infrastructure;

namespace VoiceHelper.Integration.Tests.Operations;

/// <summary>
/// A PostgreSQL 15 server of the test's own, in a temporary folder on a free loopback port, so that a test can
/// destroy its data folder. PostgreSQL refuses to run as root, so as root its programs run as the postgres user
/// of Debian's package, which owns the folder.
/// </summary>
public sealed class ScratchPostgresServer : IAsyncDisposable
{
    public const string BinFolder = "/usr/lib/postgresql/15/bin";

    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(120);

    private readonly string _root = Directory.CreateTempSubdirectory("voicehelper-drill-").FullName;

    private bool _running;

    public int Port { get; } = TestEnvironment.FreePort();

    /// <summary>The data folder, which <see cref="DestroyAsync"/> deletes.</summary>
    public string DataFolder => Path.Combine(_root, "data");

    private static bool IsRoot => Environment.UserName == "root";

    /// <summary>Returns the Npgsql connection string of a database as the role <c>voicehelper</c>.</summary>
    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=voicehelper;Database={database};Pooling=false";

    /// <summary>Creates the data folder with initdb, starts the server and creates the role <c>voicehelper</c>.</summary>
    public async Task StartNewAsync()
    {
        Directory.CreateDirectory(DataFolder);
        if (IsRoot)
        {
            // Temporary folders are created for their owner only, and PostgreSQL runs as the postgres user.
            await RunAsync("chown", ["-R", "postgres:postgres", _root]);
        }

        await RunAsPostgresAsync("initdb", ["--pgdata", DataFolder, "--username", "postgres", "--auth", "trust",
            "--encoding", "UTF8", "--locale", "C.UTF-8", "--no-instructions"]);
        await RunAsPostgresAsync("pg_ctl", ["start", "--pgdata", DataFolder, "--wait", "--timeout", "60", "--silent",
            "--log", Path.Combine(_root, "postgres.log"),
            "-o", $"-c listen_addresses=127.0.0.1 -c port={Port} -c unix_socket_directories={_root} -c fsync=off"]);
        _running = true;
        await ExecuteAsync("postgres", "CREATE ROLE voicehelper LOGIN CREATEDB");
    }

    /// <summary>Creates a database owned by <c>voicehelper</c> with the migrations of db/migrations applied.</summary>
    public async Task CreateMigratedDatabaseAsync(string database)
    {
        await ExecuteAsync("postgres", $"CREATE DATABASE {database} OWNER voicehelper");
        var result = await CommandRunner.RunAsync("sh", ["db/migrate.sh"], CommandTimeout, environment: new Dictionary<string, string>
        {
            ["PGHOST"] = "127.0.0.1",
            ["PGPORT"] = Port.ToString(),
            ["PGUSER"] = "voicehelper",
            ["PGDATABASE"] = database,
            ["MIGRATIONS_DIR"] = Path.Combine(TestEnvironment.RepositoryRoot, "db", "migrations"),
        });
        Assert.True(result.ExitCode == 0, $"db/migrate.sh failed: {result.Text}");
    }

    /// <summary>Stops the server at once, as a crash would, and deletes its data folder.</summary>
    public async Task DestroyAsync()
    {
        await StopAsync("immediate");
        Directory.Delete(DataFolder, recursive: true);
    }

    /// <summary>Returns whether a database exists.</summary>
    public async Task<bool> DatabaseExistsAsync(string database)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection);
        command.Parameters.Add(new() { Value = database });
        return await command.ExecuteScalarAsync() is not null;
    }

    /// <summary>Returns the names of the databases whose names start with a prefix.</summary>
    public async Task<IReadOnlyList<string>> DatabasesStartingWithAsync(string prefix)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT datname FROM pg_database WHERE starts_with(datname, $1)", connection);
        command.Parameters.Add(new() { Value = prefix });
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync("fast");
        Directory.Delete(_root, recursive: true);
    }

    private async Task StopAsync(string mode)
    {
        if (!_running)
        {
            return;
        }

        _running = false;
        await RunAsPostgresAsync("pg_ctl", ["stop", "--pgdata", DataFolder, "--mode", mode, "--wait", "--silent"]);
    }

    private async Task ExecuteAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(
            $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private Task RunAsPostgresAsync(string program, string[] arguments) =>
        IsRoot
            ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(BinFolder, program), .. arguments])
            : RunAsync(Path.Combine(BinFolder, program), arguments);

    private async Task RunAsync(string fileName, string[] arguments)
    {
        var result = await CommandRunner.RunAsync(fileName, arguments, CommandTimeout, workingDirectory: "/");
        Assert.True(result.ExitCode == 0, $"'{fileName} {string.Join(' ', arguments)}' failed: {result.Text}");
    }
}
