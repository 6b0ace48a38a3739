using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Orleans.Serialization.TypeSystem;
using Orleans.TestingHost;
using VoiceHelper.Grains;
using VoiceHelper.Grains.Knowledge;
using VoiceHelper.Grains.Placement;
using VoiceHelper.Inference.Batching;
using VoiceHelper.Tests.Infrastructure;

namespace VoiceHelper.Tests.Inference;

/// <summary>
/// An in-process cluster of three silos, <c>Silo_0</c> to <c>Silo_2</c>, that run the inference grains with the real
/// embedding model. The silos named in the constructor advertise one accelerator each in their silo metadata, as a
/// silo with <c>Silo:Accelerator:DeviceCount=1</c> does. No database is needed.
/// </summary>
public sealed class InferenceCluster : IAsyncDisposable
{
    public const int SiloCount = 3;

    private readonly InProcessTestCluster _cluster;
    private readonly HashSet<string> _acceleratorSilos;
    private readonly List<InProcessSiloHandle> _restarted = [];

    private InferenceCluster(InProcessTestCluster cluster, HashSet<string> acceleratorSilos)
    {
        _cluster = cluster;
        _acceleratorSilos = acceleratorSilos;
    }

    public IClusterClient Client => _cluster.Client;

    public RecordedLogs Logs { get; } = new();

    /// <summary>
    /// Starts the cluster with the given settings, which every silo reads as its configuration, on top of a pool of
    /// 16 embedding grains and checksums that are not verified again.
    /// </summary>
    public static async Task<InferenceCluster> StartAsync(
        IReadOnlyDictionary<string, string?> settings, params string[] acceleratorSilos)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Inference:Embeddings:VerifyChecksums"] = "false",
                ["Inference:Placement:GrainPoolSize"] = "16",
            })
            .AddInMemoryCollection(settings)
            .Build();
        var builder = new InProcessTestClusterBuilder(SiloCount);
        builder.Options.ServiceId = $"inference-tests-{Guid.NewGuid():N}";
        builder.Options.ConfigureFileLogging = false;
        InferenceCluster? created = null;
        builder.ConfigureSilo((silo, siloBuilder) => created!.ConfigureSilo(silo.SiloName, siloBuilder, configuration));
        created = new InferenceCluster(builder.Build(), [.. acceleratorSilos]);
        await created._cluster.DeployAsync().WaitAsync(TestTimeouts.Step);
        return created;
    }

    /// <summary>Returns the grains of the embedding pool, keys 0 to 15.</summary>
    public IEmbeddingGrain[] PoolGrains() =>
        Enumerable.Range(0, 16).Select(key => Client.GetGrain<IEmbeddingGrain>(key)).ToArray();

    /// <summary>
    /// Returns the name of the silo where each of <paramref name="grains"/> is active, or null for one that is not,
    /// as the silos' own catalogs list them.
    /// </summary>
    public async Task<string?[]> LocateAsync(IReadOnlyList<IEmbeddingGrain> grains)
    {
        var silos = RunningSilos().ToArray();
        var statistics = await Client.GetGrain<IManagementGrain>(0)
            .GetDetailedGrainStatistics(
                [RuntimeTypeNameFormatter.Format(typeof(EmbeddingGrain))],
                silos.Select(silo => silo.SiloAddress).ToArray())
            .WaitAsync(TestTimeouts.Step);
        var locations = statistics.ToDictionary(
            statistic => statistic.GrainId,
            statistic => silos.First(silo => silo.SiloAddress.Equals(statistic.SiloAddress)).Name);
        return grains.Select(grain => locations.GetValueOrDefault(grain.GetGrainId())).ToArray();
    }

    /// <summary>Returns the batcher of the named silo, which creates it and loads the model when it has not yet.</summary>
    public EmbeddingBatcher BatcherOf(string siloName) =>
        ServicesOf(siloName).GetRequiredService<EmbeddingBatcher>();

    /// <summary>Returns the services of the named silo.</summary>
    public IServiceProvider ServicesOf(string siloName) => Handle(siloName).ServiceProvider;

    /// <summary>Stops the named silo gracefully.</summary>
    public async Task StopAsync(string siloName)
    {
        var handle = Handle(siloName);
        await _cluster.StopSiloAsync(handle).WaitAsync(TestTimeouts.Step);
        _restarted.Remove(handle);
    }

    /// <summary>Starts the named silo again after <see cref="StopAsync"/>, under the same name.</summary>
    public async Task RestartAsync(string siloName)
    {
        var instanceNumber = int.Parse(siloName["Silo_".Length..], System.Globalization.CultureInfo.InvariantCulture);
        var handle = await _cluster.StartSiloAsync(instanceNumber, _cluster.Options).WaitAsync(TestTimeouts.Step);
        _restarted.Add(handle);
    }

    /// <summary>
    /// Waits until every running silo sees the accelerator of every running accelerator silo, as placements read it.
    /// </summary>
    public async Task WaitForAcceleratorAsync()
    {
        var deadline = DateTime.UtcNow + TestTimeouts.Step;
        while (!AcceleratorsVisible())
        {
            Assert.True(DateTime.UtcNow < deadline,
                $"The silos did not see the accelerators of {string.Join(", ", _acceleratorSilos)} within {TestTimeouts.Step}.");
            await Task.Delay(50);
        }
    }

    private bool AcceleratorsVisible()
    {
        var running = RunningSilos().ToArray();
        var equipped = running.Where(handle => _acceleratorSilos.Contains(handle.Name)).ToArray();
        return running.All(observer =>
        {
            var accelerators = observer.ServiceProvider.GetRequiredService<AcceleratorSilos>();
            return equipped.All(silo => accelerators.DeviceCount(silo.SiloAddress) > 0);
        });
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var handle in _restarted)
        {
            await handle.StopSiloAsync(stopGracefully: false);
            await handle.DisposeAsync();
        }

        await _cluster.StopAllSilosAsync();
        await _cluster.DisposeAsync();
    }

    private void ConfigureSilo(string siloName, ISiloBuilder siloBuilder, IConfiguration configuration)
    {
        var devices = _acceleratorSilos.Contains(siloName) ? 1 : 0;
        siloBuilder.UseSiloMetadata(new Dictionary<string, string>
        {
            [AcceleratorMetadata.DeviceCountKey] = devices.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        siloBuilder.Services.AddVoiceHelperInference(configuration);
        siloBuilder.Services.AddSingleton(Logs.ProviderFor(siloName));
    }

    private IEnumerable<InProcessSiloHandle> RunningSilos() =>
        _cluster.Silos.Concat(_restarted).Where(handle => handle.IsActive);

    private InProcessSiloHandle Handle(string siloName) =>
        RunningSilos().FirstOrDefault(handle => handle.Name == siloName)
        ?? throw new InvalidOperationException($"No running silo is named {siloName}.");

}
