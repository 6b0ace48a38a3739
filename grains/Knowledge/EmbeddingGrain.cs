using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using VoiceHelper.Grains.Inference;
using VoiceHelper.Grains.Logging;
using VoiceHelper.Grains.Placement;
using VoiceHelper.Inference.Batching;

namespace VoiceHelper.Grains.Knowledge;

/// <summary>
/// Runs the silo's sentence embedder for one key of the <see cref="EmbeddingGrainPool"/>. It is placed on a silo with
/// an accelerator (<see cref="AcceleratorPlacementAttribute"/>) and is reentrant, so that all concurrent calls go
/// straight into the silo's <see cref="EmbeddingBatcher"/>, which every activation on the silo shares.
/// </summary>
/// <remarks>
/// An activation that had to fall back to a CPU silo migrates once an accelerator silo is active: after the call that
/// notices it, Orleans places the grain again with <see cref="AcceleratorPlacementDirector"/> and forwards later calls.
/// Deactivating would not do, because callers that cached the old address would activate it there again.
/// </remarks>
[AcceleratorPlacement]
[Reentrant]
public sealed class EmbeddingGrain(
    EmbeddingBatcher batcher,
    AcceleratorSilos accelerators,
    ILocalSiloDetails localSilo,
    ILogger<EmbeddingGrain> logger) : Grain, IEmbeddingGrain
{
    private bool _leaving;

    public Task<float[][]> EmbedAsync(string[] texts) => EmbedAsync(texts, EmbeddingPriority.Interactive);

    public Task<float[][]> EmbedPassagesAsync(string[] texts) => EmbedAsync(texts, EmbeddingPriority.Bulk);

    private async Task<float[][]> EmbedAsync(string[] texts, EmbeddingPriority priority)
    {
        ArgumentNullException.ThrowIfNull(texts);
        MoveToAcceleratorWhenAvailable();
        try
        {
            var vectors = await batcher.EmbedAsync(texts, priority);
            return [.. vectors];
        }
        catch (EmbeddingRejectedException rejected)
        {
            throw new InferenceBusyException(rejected.Message, rejected.RetryAfter);
        }
    }

    private void MoveToAcceleratorWhenAvailable()
    {
        if (_leaving || accelerators.LocalDeviceCount > 0 || !accelerators.AnyActive())
        {
            return;
        }

        _leaving = true;
        GrainLog.ReturningToAccelerator(logger, this.GetGrainId(), localSilo.SiloAddress);
        this.MigrateOnIdle();
    }
}
