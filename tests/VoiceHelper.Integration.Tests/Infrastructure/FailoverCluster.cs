using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Npgsql;

namespace VoiceHelper.Integration.Tests.Infrastructure;

/// <summary>
/// Two real silo processes and one gateway process on loopback, joined through the test Redis under a cluster id
/// of their own, storing into a scratch database that the fixture creates with the migrations of <c>db/</c> and
/// drops at the end. Silo 1 advertises one accelerator (<c>Silo__Accelerator__DeviceCount=1</c>), so the
/// embedding grains run there while it is up.
/// </summary>
/// <remarks>
/// The database is its own because a restarted silo resumes every unfinished ingestion of its database, which would
/// reach into the documents of the other integration tests' cluster.
/// </remarks>
public sealed class FailoverCluster : IAsyncLifetime
{
    public const int AcceleratorSilo = 1;

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly string _clusterId = $"failover-{Guid.NewGuid():N}";
    private readonly string _database = $"voicehelper_failover_{Guid.NewGuid():N}";
    private readonly int[] _siloPorts = [TestEnvironment.FreePort(), TestEnvironment.FreePort()];
    private readonly int[] _siloGatewayPorts = [TestEnvironment.FreePort(), TestEnvironment.FreePort()];
    private readonly int[] _siloHttpPorts = [TestEnvironment.FreePort(), TestEnvironment.FreePort()];
    private readonly int _gatewayHttpPort = TestEnvironment.FreePort();
    private readonly ServiceProcess?[] _silos = new ServiceProcess?[2];
    private ServiceProcess? _gateway;

    public NpgsqlDataSource DataSource { get; private set; } = null!;

    public Uri GatewayAddress => new($"http://127.0.0.1:{_gatewayHttpPort}");

    /// <summary>An administrator key of a tenant of the scratch database.</summary>
    public string AdminKey { get; private set; } = string.Empty;

    /// <summary>The address of silo <paramref name="index"/>'s health and metrics endpoints.</summary>
    public Uri SiloAddress(int index) => new($"http://127.0.0.1:{_siloHttpPorts[index]}");

    public async Task InitializeAsync()
    {
        var connection = await CreateDatabaseAsync();
        DataSource = NpgsqlDataSource.Create(connection);
        _silos[0] = StartSilo(0);
        _silos[1] = StartSilo(1);
        _gateway = ServiceProcess.Start("gateway", TestEnvironment.GatewayAssembly, GatewayEnvironment());
        AdminKey = await CreateKeyAsync();
        await WaitUntilReadyAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var process in _silos.Append(_gateway))
        {
            if (process is not null)
            {
                await process.DisposeAsync();
            }
        }

        await DataSource.DisposeAsync();
        await using var admin = NpgsqlDataSource.Create(TestEnvironment.Postgres);
        await using var drop = admin.CreateCommand($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)");
        await drop.ExecuteNonQueryAsync();
    }

    /// <summary>Returns a client of the gateway with the administrator key and a 30-second timeout.</summary>
    public HttpClient CreateClient()
    {
        var client = new HttpClient { BaseAddress = GatewayAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
        return client;
    }

    /// <summary>
    /// Kills silo <paramref name="index"/> with SIGKILL, as a crash or the kernel's OOM killer does, and starts a new
    /// process on the same ports, as a supervisor such as Kubernetes does. Returns once both silos and the gateway
    /// report ready.
    /// </summary>
    public async Task KillAndRestartSiloAsync(int index)
    {
        var silo = _silos[index]!;
        await silo.KillAsync();
        await silo.DisposeAsync();
        _silos[index] = StartSilo(index);
        await WaitUntilReadyAsync();
    }

    /// <summary>Returns the text of silo <paramref name="index"/>'s <c>/metrics</c> endpoint.</summary>
    public async Task<string> ReadSiloMetricsAsync(int index)
    {
        using var client = new HttpClient { BaseAddress = SiloAddress(index), Timeout = TimeSpan.FromSeconds(30) };
        return await client.GetStringAsync("/metrics");
    }

    /// <summary>The recent output of every process, for assertion messages.</summary>
    public string RecentOutput() =>
        string.Join('\n', _silos.Append(_gateway).Where(process => process is not null).Select(process => process!.RecentOutput()));

    private async Task<string> CreateDatabaseAsync()
    {
        await using (var admin = NpgsqlDataSource.Create(TestEnvironment.Postgres))
        {
            await using var create = admin.CreateCommand($"CREATE DATABASE {_database}");
            await create.ExecuteNonQueryAsync();
        }

        var connection = new NpgsqlConnectionStringBuilder(TestEnvironment.Postgres) { Database = _database }.ConnectionString;
        await using var dataSource = NpgsqlDataSource.Create(connection);
        var migrations = Directory.GetFiles(Path.Combine(TestEnvironment.RepositoryRoot, "db", "migrations"), "*.sql")
            .Order(StringComparer.Ordinal);
        foreach (var file in migrations)
        {
            await using var command = dataSource.CreateCommand(await File.ReadAllTextAsync(file));
            await command.ExecuteNonQueryAsync();
        }

        return connection;
    }

    private async Task<string> CreateKeyAsync()
    {
        string[] arguments = ["keys", "create", "--tenant", $"failover-{_clusterId}", "--name", "integration", "--admin"];
        await using var command = ServiceProcess.Start(
            "keys create", TestEnvironment.GatewayAssembly, GatewayEnvironment(), arguments);
        var (exitCode, output) = await command.WaitForExitAsync(StartTimeout);
        Assert.True(exitCode == 0, $"keys create exited with {exitCode}.\n{output}");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1];
    }

    private async Task WaitUntilReadyAsync()
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        Uri[] endpoints = [SiloAddress(0), SiloAddress(1), GatewayAddress];
        var deadline = DateTime.UtcNow + StartTimeout;
        var last = "no answer";
        foreach (var endpoint in endpoints)
        {
            while (true)
            {
                Assert.True(DateTime.UtcNow < deadline,
                    $"{endpoint} was not ready within {StartTimeout}; last answer: {last}\n{RecentOutput()}");
                try
                {
                    using var response = await client.GetAsync(new Uri(endpoint, "/health/ready"));
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        break;
                    }

                    last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
                }
                catch (HttpRequestException exception)
                {
                    last = exception.Message;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(250));
            }
        }
    }

    private ServiceProcess StartSilo(int index)
    {
        var environment = new Dictionary<string, string>(CommonEnvironment())
        {
            ["Orleans__SiloPort"] = _siloPorts[index].ToString(CultureInfo.InvariantCulture),
            ["Orleans__GatewayPort"] = _siloGatewayPorts[index].ToString(CultureInfo.InvariantCulture),
            ["Silo__Urls"] = SiloAddress(index).ToString().TrimEnd('/'),
            ["Silo__Accelerator__DeviceCount"] = index == AcceleratorSilo ? "1" : "0",
        };
        return ServiceProcess.Start($"silo {index}", TestEnvironment.SiloAssembly, environment);
    }

    private Dictionary<string, string> GatewayEnvironment() => new(CommonEnvironment())
    {
        ["Gateway__HttpUrl"] = GatewayAddress.ToString().TrimEnd('/'),
        ["Gateway__HttpsUrl"] = string.Empty,
        ["Gateway__GrpcUrl"] = string.Empty,
    };

    private Dictionary<string, string> CommonEnvironment() => TestEnvironment.ClusterEnvironment(DataSource.ConnectionString, _clusterId);
}

[CollectionDefinition(Name)]
public sealed class FailoverCollection : ICollectionFixture<FailoverCluster>
{
    public const string Name = "failover";
}
