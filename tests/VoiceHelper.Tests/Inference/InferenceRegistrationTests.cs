using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VoiceHelper.Grains;
using VoiceHelper.Grains.Placement;
using VoiceHelper.Inference.Batching;

namespace VoiceHelper.Tests.Inference;

[Trait("Category", "Unit")]
public sealed class InferenceRegistrationTests
{
    [Fact]
    public void Placement_Defaults_FallBackWithPoolOf16()
    {
        using var provider = BuildProvider([]);

        var options = provider.GetRequiredService<IOptions<AcceleratorPlacementOptions>>().Value;

        Assert.Equal(NoAcceleratorBehavior.Fallback, options.WhenNoAccelerator);
        Assert.Equal(16, options.GrainPoolSize);
    }

    [Fact]
    public void Placement_FailConfigured_IsRead()
    {
        using var provider = BuildProvider(new() { ["Inference:Placement:WhenNoAccelerator"] = "Fail" });

        var options = provider.GetRequiredService<IOptions<AcceleratorPlacementOptions>>().Value;

        Assert.Equal(NoAcceleratorBehavior.Fail, options.WhenNoAccelerator);
    }

    [Fact]
    public void Placement_EmptyPool_FailsValidation()
    {
        using var provider = BuildProvider(new() { ["Inference:Placement:GrainPoolSize"] = "0" });

        var exception = Assert.Throws<OptionsValidationException>(
            () => provider.GetRequiredService<IOptions<AcceleratorPlacementOptions>>().Value);

        Assert.Contains("Inference:Placement:GrainPoolSize must be between 1 and 1024", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Batching_QueueSmallerThanBatchSize_FailsValidation()
    {
        using var provider = BuildProvider(new()
        {
            ["Inference:Embeddings:MaxBatchSize"] = "64",
            ["Inference:Embeddings:Batching:MaxQueuedTexts"] = "32",
        });

        var exception = Assert.Throws<OptionsValidationException>(
            () => provider.GetRequiredService<IOptions<EmbeddingBatcherOptions>>().Value);

        Assert.Contains("MaxQueuedTexts (32) must be at least Inference:Embeddings:MaxBatchSize (64)", exception.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Batching_DelayAboveOneSecond_FailsValidation()
    {
        using var provider = BuildProvider(new() { ["Inference:Embeddings:Batching:MaxDelay"] = "00:00:02" });

        var exception = Assert.Throws<OptionsValidationException>(
            () => provider.GetRequiredService<IOptions<EmbeddingBatcherOptions>>().Value);

        Assert.Contains("MaxDelay must be between", exception.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider BuildProvider(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection()
            .AddLogging()
            .AddVoiceHelperInference(configuration)
            .BuildServiceProvider();
    }
}
