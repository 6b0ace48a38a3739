using System.Globalization;
using System.Net;
using System.Net.Sockets;
using VoiceHelper.Bench.Harness;

namespace VoiceHelper.Bench.Gateway;

/// <summary>
/// The built silos and gateway started as child processes on free loopback ports, joined through Redis under a
/// cluster id of their own and storing into the benchmark database, with an administrator key of a new tenant.
/// </summary>
internal sealed class GatewayDeployment : IAsyncDisposable
{
    public const string RedisVariableName = "VOICEHELPER_BENCH_REDIS";

#if DEBUG
    private const string BuildConfiguration = "Debug";
#else
    private const string BuildConfiguration = "Release";
#endif

    private static readonly TimeSpan ReadyPollInterval = TimeSpan.FromMilliseconds(250);

    private readonly List<ChildProcess> _processes = [];

    private GatewayDeployment(string clusterId, Uri address)
    {
        ClusterId = clusterId;
        Address = address;
    }

    /// <summary>The Orleans cluster id, which is also the service id under which grain state is stored.</summary>
    public string ClusterId { get; }

    /// <summary>The gateway's plain HTTP address.</summary>
    public Uri Address { get; }

    /// <summary>The CPU time that the silo processes have used so far, together.</summary>
    public TimeSpan SiloProcessorTime => _processes
        .Where(process => process.Name.StartsWith("silo", StringComparison.Ordinal))
        .Aggregate(TimeSpan.Zero, (total, process) => total + process.ProcessorTime);

    /// <summary>The CPU time that the gateway process has used so far.</summary>
    public TimeSpan GatewayProcessorTime => Find("gateway").ProcessorTime;

    /// <summary>The administrator key that <c>keys create</c> printed.</summary>
    public string ApiKey { get; private set; } = string.Empty;

    /// <exception cref="BenchmarkConfigurationException">The Redis connection string is not set.</exception>
    public static string RedisConnectionString =>
        Environment.GetEnvironmentVariable(RedisVariableName) is { Length: > 0 } value
            ? value
            : throw new BenchmarkConfigurationException(
                $"{RedisVariableName} is not set. Set it to the StackExchange.Redis connection string of a Redis " +
                "server, for example '127.0.0.1:6379', which the silo and gateway use for cluster membership.");

    /// <summary>
    /// Starts <paramref name="silos"/> silos and one gateway, creates a tenant and its key with the gateway's
    /// <c>keys create</c> verb, and waits until <c>/health/ready</c> returns 200 and, with more than one silo, until
    /// every silo has joined the cluster.
    /// </summary>
    /// <exception cref="InvalidOperationException">A process exited or a step failed; the message has its output.</exception>
    public static async Task<GatewayDeployment> StartAsync(
        string postgres, string tenantName, CancellationToken cancellationToken, int silos = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(silos, 1);
        var clusterId = $"bench-{Guid.NewGuid():N}";
        var deployment = new GatewayDeployment(clusterId, new Uri($"http://127.0.0.1:{FreePort()}"));
        try
        {
            var common = CommonEnvironment(postgres, RedisConnectionString, clusterId);
            var siloUrls = new List<Uri>();
            for (var index = 1; index <= silos; index++)
            {
                var name = index == 1 ? "silo" : $"silo {index}";
                var environment = deployment.SiloEnvironment(common);
                siloUrls.Add(new Uri(environment["Silo__Urls"]));
                deployment._processes.Add(ChildProcess.Start(name, AssemblyPath("silo", "VoiceHelper.Silo"), environment));
            }

            var gatewayEnvironment = deployment.GatewayEnvironment(common);
            deployment._processes.Add(ChildProcess.Start("gateway", AssemblyPath("gateway", "VoiceHelper.Gateway"),
                gatewayEnvironment));
            deployment.ApiKey = await CreateKeyAsync(gatewayEnvironment, tenantName, cancellationToken);
            await deployment.WaitUntilReadyAsync(deployment.Address, cancellationToken);
            foreach (var siloUrl in siloUrls)
            {
                await deployment.WaitUntilReadyAsync(siloUrl, cancellationToken);
            }

            return deployment;
        }
        catch
        {
            await deployment.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Reverse start order: the gateway stops before the silo that it calls.
        for (var index = _processes.Count - 1; index >= 0; index--)
        {
            await _processes[index].DisposeAsync();
        }

        _processes.Clear();
    }

    private static async Task<string> CreateKeyAsync(
        IReadOnlyDictionary<string, string> environment, string tenantName, CancellationToken cancellationToken)
    {
        await using var command = ChildProcess.Start("keys create", AssemblyPath("gateway", "VoiceHelper.Gateway"),
            environment, "keys", "create", "--tenant", tenantName, "--name", "bench", "--admin");
        var exitCode = await command.WaitForExitAsync(cancellationToken);
        var lines = command.RecentOutput().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (exitCode != 0 || lines.Length < 2)
        {
            throw new InvalidOperationException(
                $"The gateway's 'keys create' verb exited with code {exitCode}.\n{command.RecentOutput()}");
        }

        // The verb prints the key alone on the last line.
        return lines[^1];
    }

    private async Task WaitUntilReadyAsync(Uri address, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(10) };
        var lastResponse = "no response yet";
        while (_processes.All(process => !process.HasExited))
        {
            try
            {
                using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative), cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }

                lastResponse = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}";
            }
            catch (HttpRequestException exception)
            {
                lastResponse = exception.Message;
            }

            await Task.Delay(ReadyPollInterval, cancellationToken);
        }

        throw new InvalidOperationException(
            $"A process exited before {address} was ready; its last response was: {lastResponse}\n" +
            string.Join('\n', _processes.Select(process => process.RecentOutput())));
    }

    private Dictionary<string, string> SiloEnvironment(IReadOnlyDictionary<string, string> common) => new(common)
    {
        ["Orleans__SiloPort"] = FreePort().ToString(CultureInfo.InvariantCulture),
        ["Orleans__GatewayPort"] = FreePort().ToString(CultureInfo.InvariantCulture),
        ["Silo__Urls"] = $"http://127.0.0.1:{FreePort()}",
    };

    // Plain HTTP only: an empty HTTPS or gRPC URL turns that listener off, so no certificate is needed.
    private Dictionary<string, string> GatewayEnvironment(IReadOnlyDictionary<string, string> common) => new(common)
    {
        ["Gateway__HttpUrl"] = Address.ToString().TrimEnd('/'),
        ["Gateway__HttpsUrl"] = string.Empty,
        ["Gateway__GrpcUrl"] = string.Empty,
    };

    private static Dictionary<string, string> CommonEnvironment(string postgres, string redis, string clusterId) => new()
    {
        ["ConnectionStrings__Postgres"] = postgres,
        ["ConnectionStrings__Redis"] = redis,
        ["Orleans__ClusterId"] = clusterId,
        ["Orleans__ServiceId"] = clusterId,
        ["Logging__LogLevel__Default"] = "Warning",
        ["DOTNET_ENVIRONMENT"] = "Production",
    };

    // The product's projects build in the same configuration as the bench program, which references them.
    private static string AssemblyPath(string projectFolder, string assemblyName) =>
        Path.Combine(FindRepositoryRoot(), projectFolder, "bin", BuildConfiguration, "net10.0", assemblyName + ".dll");

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "VoiceHelper.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException(
            $"No directory above '{AppContext.BaseDirectory}' contains VoiceHelper.sln, so the silo and gateway " +
            "assemblies cannot be found. Run the benchmark program from its build output inside the repository.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private ChildProcess Find(string name) => _processes.First(process => process.Name == name);
}
