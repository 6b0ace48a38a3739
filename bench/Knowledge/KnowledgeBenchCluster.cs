using Orleans.TestingHost;
using VoiceHelper.Hosting;

namespace VoiceHelper.Bench.Knowledge;

/// <summary>
/// A one-silo Orleans cluster in this process with the knowledge grains and engines, whose client reaches the
/// silo over a loopback TCP socket. Each cluster has its own service id, so its grain state can be deleted.
/// </summary>
internal sealed class KnowledgeBenchCluster : IAsyncDisposable
{
    private readonly TestCluster _cluster;

    private KnowledgeBenchCluster(TestCluster cluster, string serviceId)
    {
        _cluster = cluster;
        ServiceId = serviceId;
    }

    /// <summary>The Orleans service id under which the silo stores grain state.</summary>
    public string ServiceId { get; }

    /// <summary>The cluster client, connected to the silo's gateway.</summary>
    public IClusterClient Client => _cluster.Client;

    /// <summary>The silo's services, such as the embedder that its embedding grains run.</summary>
    public IServiceProvider SiloServices => _cluster.Primary is InProcessSiloHandle silo
        ? silo.ServiceProvider
        : throw new InvalidOperationException("The cluster has no running silo in this process.");

    /// <summary>
    /// Starts the silo with <paramref name="siloConfiguration"/> added to its configuration, and connects the client.
    /// </summary>
    public static async Task<KnowledgeBenchCluster> StartAsync(
        string postgresConnectionString, IReadOnlyDictionary<string, string> siloConfiguration)
    {
        var serviceId = $"bench-{Guid.NewGuid():N}";
        var builder = new TestClusterBuilder(initialSilosCount: 1);
        builder.Options.ServiceId = serviceId;
        builder.Options.ConfigureFileLogging = false;
        builder.Options.ConnectionTransport = ConnectionTransportType.TcpSocket;
        builder.Properties[$"ConnectionStrings:{ConnectionStringNames.Postgres}"] = postgresConnectionString;
        foreach (var (key, value) in siloConfiguration)
        {
            builder.Properties[key] = value;
        }

        builder.AddSiloBuilderConfigurator<KnowledgeSiloConfigurator>();
        var cluster = builder.Build();
        try
        {
            await cluster.DeployAsync();
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

        return new KnowledgeBenchCluster(cluster, serviceId);
    }

    public async ValueTask DisposeAsync()
    {
        await _cluster.StopAllSilosAsync();
        await _cluster.DisposeAsync();
    }
}
