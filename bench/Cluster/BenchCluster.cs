using Orleans.TestingHost;
using VoiceHelper.Hosting;

namespace VoiceHelper.Bench.Cluster;

/// <summary>
/// A one-silo Orleans cluster in this process whose client reaches the silo over a loopback TCP socket, as a
/// gateway reaches a silo in production. Each cluster has its own service id, so its grain state can be deleted.
/// </summary>
internal sealed class BenchCluster : IAsyncDisposable
{
    private readonly TestCluster _cluster;

    private BenchCluster(TestCluster cluster, string serviceId)
    {
        _cluster = cluster;
        ServiceId = serviceId;
    }

    /// <summary>The Orleans service id under which the silo stores grain state.</summary>
    public string ServiceId { get; }

    /// <summary>The cluster client, connected to the silo's gateway.</summary>
    public IClusterClient Client => _cluster.Client;

    /// <summary>Starts the silo and connects the client.</summary>
    public static async Task<BenchCluster> StartAsync(string postgresConnectionString)
    {
        var serviceId = $"bench-{Guid.NewGuid():N}";
        var builder = new TestClusterBuilder(initialSilosCount: 1);
        builder.Options.ServiceId = serviceId;
        builder.Options.ConfigureFileLogging = false;
        builder.Options.ConnectionTransport = ConnectionTransportType.TcpSocket;
        builder.Properties[$"ConnectionStrings:{ConnectionStringNames.Postgres}"] = postgresConnectionString;
        builder.AddSiloBuilderConfigurator<BenchSiloConfigurator>();

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

        return new BenchCluster(cluster, serviceId);
    }

    public async ValueTask DisposeAsync()
    {
        await _cluster.StopAllSilosAsync();
        await _cluster.DisposeAsync();
    }
}
