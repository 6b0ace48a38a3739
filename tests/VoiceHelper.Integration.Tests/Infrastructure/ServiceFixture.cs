using System.Net;
using System.Net.Http.Headers;
using Npgsql;

namespace VoiceHelper.Integration.Tests.Infrastructure;

/// <summary>
/// A real silo process and a real gateway process on free loopback ports, joined through the test Redis under a
/// cluster id of their own, storing into the test PostgreSQL database.
/// </summary>
public sealed class ServiceFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly string _clusterId = $"it-{Guid.NewGuid():N}";
    private readonly int _siloPort = TestEnvironment.FreePort();
    private readonly int _siloGatewayPort = TestEnvironment.FreePort();
    private readonly int _siloHttpPort = TestEnvironment.FreePort();
    private readonly int _gatewayHttpPort = TestEnvironment.FreePort();
    private readonly int _gatewayHttpsPort = TestEnvironment.FreePort();
    private readonly int _gatewayGrpcPort = TestEnvironment.FreePort();
    private readonly int _secondGatewayHttpPort = TestEnvironment.FreePort();
    private readonly SemaphoreSlim _secondGatewayStart = new(1, 1);
    private ServiceProcess? _silo;
    private ServiceProcess? _gateway;
    private ServiceProcess? _secondGateway;

    /// <summary>The keep-alive ping interval and pong timeout of the second gateway's realtime connections.</summary>
    public static readonly TimeSpan SecondGatewayKeepAlive = TimeSpan.FromSeconds(2);

    /// <summary>The only browser origin whose pages may open realtime connections.</summary>
    public const string RealtimeAllowedOrigin = "https://voice.example.test";

    public NpgsqlDataSource DataSource { get; } = NpgsqlDataSource.Create(TestEnvironment.Postgres);

    public Uri GatewayAddress => new($"http://127.0.0.1:{_gatewayHttpPort}");

    /// <summary>The silo's health and metrics address.</summary>
    public Uri SiloAddress => new($"http://127.0.0.1:{_siloHttpPort}");

    public Uri GatewayTlsAddress => new($"https://127.0.0.1:{_gatewayHttpsPort}");

    /// <summary>The gateway's plain-text HTTP/2 address for gRPC.</summary>
    public Uri GatewayGrpcAddress => new($"http://127.0.0.1:{_gatewayGrpcPort}");

    /// <summary>The self-signed certificate that the gateway serves HTTPS with.</summary>
    public DevelopmentCertificate Certificate { get; } = new();

    /// <summary>An administrator key of tenant A, created through the gateway's <c>keys create</c> command.</summary>
    public string AdminKeyOfTenantA { get; private set; } = string.Empty;

    /// <summary>A key of tenant B, which must never see tenant A's data, and is no administrator.</summary>
    public string KeyOfTenantB { get; private set; } = string.Empty;

    /// <summary>An administrator key of tenant B.</summary>
    public string AdminKeyOfTenantB { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        _silo = StartSilo();
        _gateway = ServiceProcess.Start("gateway", TestEnvironment.GatewayAssembly, GatewayEnvironment());
        AdminKeyOfTenantA = await CreateKeyAsync($"tenant-a-{_clusterId}", admin: true);
        KeyOfTenantB = await CreateKeyAsync($"tenant-b-{_clusterId}", admin: false);
        AdminKeyOfTenantB = await CreateKeyAsync($"tenant-b-{_clusterId}", admin: true);
        await WaitUntilReadyAsync();
    }

    public async Task DisposeAsync()
    {
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }

        if (_secondGateway is not null)
        {
            await _secondGateway.DisposeAsync();
        }

        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }

        await DataSource.DisposeAsync();
        Certificate.Dispose();
        _secondGatewayStart.Dispose();
    }

    /// <summary>Returns a client of the gateway that sends <paramref name="apiKey"/> as a bearer token, if given.</summary>
    public HttpClient CreateClient(string? apiKey = null)
    {
        var client = new HttpClient { BaseAddress = GatewayAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        return client;
    }

    /// <summary>
    /// Returns a client for server-sent event streams: it has no overall timeout (each read takes a token instead),
    /// and disposing a response closes its connection at once instead of draining the stream for reuse, so that
    /// the gateway detects the client disconnecting.
    /// </summary>
    public HttpClient CreateStreamingClient(string apiKey, Uri? address = null)
    {
        var handler = new SocketsHttpHandler { MaxResponseDrainSize = 0 };
        var client = new HttpClient(handler) { BaseAddress = address ?? GatewayAddress, Timeout = Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        return client;
    }

    /// <summary>
    /// Returns the plain HTTP address of a second gateway of the same cluster, starting it on the first call, so
    /// tests can show that a client may continue on any gateway.
    /// </summary>
    public async Task<Uri> GetSecondGatewayAddressAsync()
    {
        var address = new Uri($"http://127.0.0.1:{_secondGatewayHttpPort}");
        await _secondGatewayStart.WaitAsync();
        try
        {
            if (_secondGateway is null)
            {
                var environment = new Dictionary<string, string>(CommonEnvironment())
                {
                    ["Gateway__HttpUrl"] = address.ToString().TrimEnd('/'),
                    ["Gateway__HttpsUrl"] = string.Empty,
                    ["Gateway__GrpcUrl"] = string.Empty,
                    // Short keep-alive, so a realtime test sees a vanished client dropped within seconds.
                    ["Realtime__KeepAliveInterval"] = SecondGatewayKeepAlive.ToString(),
                    ["Realtime__KeepAliveTimeout"] = SecondGatewayKeepAlive.ToString(),
                };
                _secondGateway = ServiceProcess.Start("second gateway", TestEnvironment.GatewayAssembly, environment);
            }

            await WaitUntilReadyAsync(address, _secondGateway);
            return address;
        }
        finally
        {
            _secondGatewayStart.Release();
        }
    }

    /// <summary>Creates a key for a tenant (and the tenant) with the gateway's command line verb.</summary>
    public async Task<string> CreateKeyAsync(string tenant, bool admin)
    {
        string[] arguments = admin
            ? ["keys", "create", "--tenant", tenant, "--name", "integration", "--admin"]
            : ["keys", "create", "--tenant", tenant, "--name", "integration"];
        await using var command = ServiceProcess.Start(
            "keys create", TestEnvironment.GatewayAssembly, GatewayEnvironment(), arguments);
        var (exitCode, output) = await command.WaitForExitAsync(StartTimeout);
        Assert.True(exitCode == 0, $"keys create exited with {exitCode}.\n{output}");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1];
    }

    /// <summary>Kills the silo process without warning and starts a new one on the same ports.</summary>
    public async Task CrashAndReplaceSiloAsync()
    {
        await _silo!.KillAsync();
        await _silo.DisposeAsync();
        _silo = StartSilo();
        await WaitUntilReadyAsync();
    }

    /// <summary>Waits until the gateway reports ready, which needs the cluster and PostgreSQL.</summary>
    public Task WaitUntilReadyAsync() => WaitUntilReadyAsync(GatewayAddress, _gateway!);

    private async Task WaitUntilReadyAsync(Uri address, ServiceProcess gateway)
    {
        using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        var deadline = DateTime.UtcNow + StartTimeout;
        var last = "no answer";
        while (DateTime.UtcNow < deadline)
        {
            if (_silo!.HasExited || gateway.HasExited)
            {
                break;
            }

            try
            {
                using var response = await client.GetAsync("/health/ready");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }

                last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
            }
            catch (HttpRequestException exception)
            {
                last = exception.Message;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }

        Assert.Fail($"The gateway was not ready within {StartTimeout}; last answer: {last}\n" +
            $"{_silo!.RecentOutput()}\n{gateway.RecentOutput()}");
    }

    private ServiceProcess StartSilo()
    {
        var environment = new Dictionary<string, string>(CommonEnvironment())
        {
            ["Orleans__SiloPort"] = _siloPort.ToString(),
            ["Orleans__GatewayPort"] = _siloGatewayPort.ToString(),
            ["Silo__Urls"] = $"http://127.0.0.1:{_siloHttpPort}",

            // The retention job runs only when a test requests it, and then purges every deleted conversation.
            ["Retention__Enabled"] = "false",
            ["Retention__DeletedConversations"] = "00:00:00",

            // Spoken user turns keep their audio, which RealtimeUserAudioTests reads back.
            ["Voice__KeepUserAudio"] = "true",
        };
        return ServiceProcess.Start("silo", TestEnvironment.SiloAssembly, environment);
    }

    private Dictionary<string, string> GatewayEnvironment() => new(CommonEnvironment())
    {
        ["Gateway__HttpUrl"] = GatewayAddress.ToString().TrimEnd('/'),
        ["Gateway__HttpsUrl"] = GatewayTlsAddress.ToString().TrimEnd('/'),
        ["Gateway__GrpcUrl"] = GatewayGrpcAddress.ToString().TrimEnd('/'),
        ["Gateway__CertificatePath"] = Certificate.CertificatePath,
        ["Gateway__CertificateKeyPath"] = Certificate.KeyPath,
    };

    /// <summary>
    /// Starts a second gateway of a cluster that has no silo, to observe it before it can connect. It serves
    /// plain-text gRPC only when <paramref name="grpcPort"/> is given.
    /// </summary>
    public ServiceProcess StartGatewayWithoutCluster(int httpPort, int? grpcPort = null)
    {
        var environment = new Dictionary<string, string>(CommonEnvironment())
        {
            ["Orleans__ClusterId"] = $"empty-{Guid.NewGuid():N}",
            ["Gateway__HttpUrl"] = $"http://127.0.0.1:{httpPort}",
            ["Gateway__HttpsUrl"] = string.Empty,
            ["Gateway__GrpcUrl"] = grpcPort is null ? string.Empty : $"http://127.0.0.1:{grpcPort}",
        };
        return ServiceProcess.Start("gateway without cluster", TestEnvironment.GatewayAssembly, environment);
    }

    private Dictionary<string, string> CommonEnvironment()
    {
        var environment = TestEnvironment.ClusterEnvironment(TestEnvironment.Postgres, _clusterId);
        // A page origin that the realtime tests connect from; any other origin is rejected.
        environment["Realtime__AllowedOrigins__0"] = RealtimeAllowedOrigin;
        return environment;
    }
}

[CollectionDefinition(Name)]
public sealed class ServiceCollection : ICollectionFixture<ServiceFixture>
{
    public const string Name = "service";
}
