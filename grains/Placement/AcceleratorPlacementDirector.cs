using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime.Placement;
using VoiceHelper.Grains.Inference;
using VoiceHelper.Grains.Logging;

namespace VoiceHelper.Grains.Placement;

/// <summary>
/// Implements <see cref="AcceleratorPlacementStrategy"/>: a new activation goes to the compatible silo with an
/// accelerator that has the fewest activations of the grain type per device. Without such a silo,
/// <see cref="AcceleratorPlacementOptions.WhenNoAccelerator"/> decides between the least loaded CPU silo and an
/// <see cref="AcceleratorUnavailableException"/>.
/// </summary>
/// <remarks>
/// Orleans runs the director on the silo that sends the first call to an activation that does not exist yet. An
/// existing activation stays where it is; <c>EmbeddingGrain</c> migrates from a CPU silo once an accelerator silo is
/// active, and Orleans calls this director to choose the new silo.
/// </remarks>
public sealed class AcceleratorPlacementDirector(
    AcceleratorSilos accelerators,
    InferenceActivationCounts activationCounts,
    IOptions<AcceleratorPlacementOptions> options,
    PlacementMetrics metrics,
    ILogger<AcceleratorPlacementDirector> logger) : IPlacementDirector
{
    // 1 while the latest placement found no accelerator silo, so that the warning is logged once per such period.
    private int _withoutAccelerator;

    public async Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var grainType = target.GrainIdentity.Type;
        var compatible = context.GetCompatibleSilos(target);
        var equipped = compatible
            .Select(silo => new PlacementCandidate(silo, accelerators.DeviceCount(silo)))
            .Where(candidate => candidate.Devices > 0)
            .ToArray();
        if (equipped.Length > 0)
        {
            if (Interlocked.Exchange(ref _withoutAccelerator, 0) == 1)
            {
                GrainLog.AcceleratorSiloAvailable(logger, grainType.ToString());
            }

            var silo = await activationCounts.PlaceOnLeastLoadedAsync(grainType, equipped);
            metrics.Placed(grainType, PlacementOutcome.Accelerator);
            GrainLog.PlacedOnAccelerator(logger, target.GrainIdentity, silo);
            return silo;
        }

        return await PlaceWithoutAcceleratorAsync(grainType, compatible);
    }

    private async Task<SiloAddress> PlaceWithoutAcceleratorAsync(GrainType grainType, SiloAddress[] compatible)
    {
        var firstMiss = Interlocked.Exchange(ref _withoutAccelerator, 1) == 0;
        if (options.Value.WhenNoAccelerator == NoAcceleratorBehavior.Fail)
        {
            if (firstMiss)
            {
                GrainLog.NoAcceleratorRejecting(logger, grainType.ToString());
            }

            metrics.Placed(grainType, PlacementOutcome.Rejected);
            throw new AcceleratorUnavailableException(grainType.ToString());
        }

        if (firstMiss)
        {
            GrainLog.NoAcceleratorFallback(logger, grainType.ToString());
        }

        var candidates = compatible.Select(silo => new PlacementCandidate(silo, 1)).ToArray();
        var fallback = await activationCounts.PlaceOnLeastLoadedAsync(grainType, candidates);
        metrics.Placed(grainType, PlacementOutcome.Fallback);
        return fallback;
    }
}
