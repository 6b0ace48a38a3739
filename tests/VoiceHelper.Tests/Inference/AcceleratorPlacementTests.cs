using VoiceHelper.Grains.Inference;
using VoiceHelper.Grains.Knowledge;
using VoiceHelper.Tests.Infrastructure;

namespace VoiceHelper.Tests.Inference;

/// <summary>
/// Three silos of which only <c>Silo_2</c> advertises an accelerator: where the embedding grains activate while it
/// runs, after it stops, and after it starts again.
/// </summary>
[Trait("Category", "Grain")]
public sealed class AcceleratorPlacementTests
{
    private const string AcceleratorSilo = "Silo_2";

    // The event ids of GrainLog.NoAcceleratorFallback and GrainLog.NoAcceleratorRejecting.
    private const int NoAcceleratorFallbackEvent = 1301;
    private const int NoAcceleratorRejectingEvent = 1302;

    // The event id of GrainLog.ReturningToAccelerator, logged when an activation leaves a CPU silo.
    private const int ReturningToAcceleratorEvent = 1304;

    [Fact]
    public async Task Placement_FallbackMode_FollowsAcceleratorSilo()
    {
        await using var cluster = await InferenceCluster.StartAsync(new Dictionary<string, string?>(), AcceleratorSilo);
        var grains = cluster.PoolGrains();
        await cluster.WaitForAcceleratorAsync();

        await EmbedWithEachAsync(grains);
        var first = await cluster.LocateAsync(grains);
        await cluster.StopAsync(AcceleratorSilo);
        await EmbedWithEachAsync(grains);
        var fallback = await cluster.LocateAsync(grains);
        var warnings = cluster.Logs.CountBySilo(NoAcceleratorFallbackEvent);
        await cluster.RestartAsync(AcceleratorSilo);
        await cluster.WaitForAcceleratorAsync();
        var returned = await EmbedUntilAllOnAsync(cluster, grains, AcceleratorSilo);

        Assert.All(first, silo => Assert.Equal(AcceleratorSilo, silo));
        Assert.All(fallback, silo => Assert.Contains(silo, new[] { "Silo_0", "Silo_1" }));
        Assert.NotEmpty(warnings);
        Assert.All(warnings.Values, count => Assert.Equal(1, count));
        Assert.All(returned, silo => Assert.Equal(AcceleratorSilo, silo));
        // Each of the 16 activations on a CPU silo moved once, and none moved again from the accelerator silo.
        Assert.Equal(grains.Length, cluster.Logs.CountBySilo(ReturningToAcceleratorEvent).Values.Sum());
    }

    [Fact]
    public async Task Placement_FailMode_RejectsUntilAcceleratorReturns()
    {
        await using var cluster = await InferenceCluster.StartAsync(
            new Dictionary<string, string?> { ["Inference:Placement:WhenNoAccelerator"] = "Fail" }, AcceleratorSilo);
        var grains = cluster.PoolGrains();
        await cluster.WaitForAcceleratorAsync();

        await EmbedWithEachAsync(grains);
        var first = await cluster.LocateAsync(grains);
        await cluster.StopAsync(AcceleratorSilo);
        var rejection = await Record.ExceptionAsync(() => grains[0].EmbedAsync(["A query while no GPU is up."]))
            .WaitAsync(TestTimeouts.Step);
        var warnings = cluster.Logs.CountBySilo(NoAcceleratorRejectingEvent);
        await cluster.RestartAsync(AcceleratorSilo);
        await cluster.WaitForAcceleratorAsync();
        await EmbedWithEachAsync(grains);
        var returned = await cluster.LocateAsync(grains);

        Assert.All(first, silo => Assert.Equal(AcceleratorSilo, silo));
        var unavailable = Assert.IsType<AcceleratorUnavailableException>(rejection);
        Assert.Contains("Inference:Placement:WhenNoAccelerator", unavailable.Message, StringComparison.Ordinal);
        Assert.Equal("embedding", unavailable.GrainType);
        Assert.All(warnings.Values, count => Assert.Equal(1, count));
        Assert.All(returned, silo => Assert.Equal(AcceleratorSilo, silo));
    }

    private static async Task EmbedWithEachAsync(IEmbeddingGrain[] grains)
    {
        foreach (var grain in grains)
        {
            var vectors = await grain.EmbedAsync(["Where does the embedding grain run?"]).WaitAsync(TestTimeouts.Step);
            Assert.Single(vectors);
        }
    }

    // A grain that fell back to a CPU silo moves after its next call, so this calls each grain until it is active on
    // the silo, with one deadline for all.
    private static async Task<string?[]> EmbedUntilAllOnAsync(InferenceCluster cluster, IEmbeddingGrain[] grains, string silo)
    {
        var deadline = DateTime.UtcNow + TestTimeouts.Step;
        while (true)
        {
            await EmbedWithEachAsync(grains);
            var locations = await cluster.LocateAsync(grains);
            if (locations.All(location => location == silo) || DateTime.UtcNow > deadline)
            {
                return locations;
            }
        }
    }
}
