using Microsoft.Extensions.Options;
using VoiceHelper.Grains.Placement;

namespace VoiceHelper.Grains.Knowledge;

/// <summary>
/// Hands out the keys 0 to <see cref="AcceleratorPlacementOptions.GrainPoolSize"/> - 1 of <see cref="IEmbeddingGrain"/>
/// round robin, so that the requests of a silo's callers spread over that many activations, which the placement
/// spreads over the accelerator silos.
/// </summary>
public sealed class EmbeddingGrainPool(IGrainFactory grains, IOptions<AcceleratorPlacementOptions> options)
{
    private uint _next = (uint)Random.Shared.Next();

    /// <summary>Returns the grain that the next request goes to.</summary>
    public IEmbeddingGrain Next()
    {
        var key = Interlocked.Increment(ref _next) % (uint)options.Value.GrainPoolSize;
        return grains.GetGrain<IEmbeddingGrain>(key);
    }
}
