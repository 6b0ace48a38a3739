using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Metadata;
using Orleans.Serialization.TypeSystem;
using VoiceHelper.Grains.Logging;

namespace VoiceHelper.Grains.Placement;

/// <summary>
/// Balances new activations of a grain type over candidate silos by how many activations of that type each silo
/// has. The counts come from the silos themselves through Orleans' management grain, are reused for
/// <see cref="AcceleratorPlacementOptions.LoadRefreshPeriod"/>, and include the placements that this silo made since.
/// </summary>
/// <remarks>
/// Each silo places on its own, so two silos that place at the same moment can both pick the same least loaded silo.
/// The next read evens that out. When a read fails or times out, the placement goes on with the counts it has.
/// </remarks>
public sealed class InferenceActivationCounts(
    IGrainFactory grains,
    GrainClassMap grainClasses,
    IOptions<AcceleratorPlacementOptions> options,
    ILogger<InferenceActivationCounts> logger)
{
    private readonly ConcurrentDictionary<GrainType, ActivationCountSnapshot> _snapshots = new();
    private readonly SemaphoreSlim _reading = new(1, 1);
    private int _readsFailing;

    /// <summary>Returns the least loaded of <paramref name="candidates"/> and counts the new activation on it.</summary>
    public async Task<SiloAddress> PlaceOnLeastLoadedAsync(GrainType grainType, IReadOnlyList<PlacementCandidate> candidates)
    {
        if (candidates.Count == 1)
        {
            return candidates[0].Silo;
        }

        var snapshot = await GetSnapshotAsync(grainType, candidates);
        return snapshot.PlaceOnLeastLoaded(candidates);
    }

    private async Task<ActivationCountSnapshot> GetSnapshotAsync(GrainType grainType, IReadOnlyList<PlacementCandidate> candidates)
    {
        if (TryGetFresh(grainType, candidates) is { } fresh)
        {
            return fresh;
        }

        // One read at a time: placements that arrive during a read use its result.
        await _reading.WaitAsync();
        try
        {
            if (TryGetFresh(grainType, candidates) is { } readMeanwhile)
            {
                return readMeanwhile;
            }

            var snapshot = await ReadAsync(grainType, candidates.Select(candidate => candidate.Silo).ToArray());
            _snapshots[grainType] = snapshot;
            return snapshot;
        }
        finally
        {
            _reading.Release();
        }
    }

    private ActivationCountSnapshot? TryGetFresh(GrainType grainType, IReadOnlyList<PlacementCandidate> candidates) =>
        _snapshots.TryGetValue(grainType, out var snapshot)
        && Stopwatch.GetElapsedTime(snapshot.ReadAt) < options.Value.LoadRefreshPeriod
        && snapshot.Covers(candidates)
            ? snapshot
            : null;

    private async Task<ActivationCountSnapshot> ReadAsync(GrainType grainType, SiloAddress[] silos)
    {
        var readAt = Stopwatch.GetTimestamp();
        if (!grainClasses.TryGetGrainClass(grainType, out var grainClass))
        {
            return new ActivationCountSnapshot(silos, new Dictionary<SiloAddress, int>(), readAt);
        }

        try
        {
            var statistics = await grains.GetGrain<IManagementGrain>(0)
                .GetDetailedGrainStatistics([RuntimeTypeNameFormatter.Format(grainClass)], silos)
                .WaitAsync(options.Value.LoadQueryTimeout);
            Interlocked.Exchange(ref _readsFailing, 0);
            var counts = statistics
                .Where(statistic => statistic.GrainId.Type.Equals(grainType))
                .GroupBy(statistic => statistic.SiloAddress)
                .ToDictionary(group => group.Key, group => group.Count());
            return new ActivationCountSnapshot(silos, counts, readAt);
        }
        catch (Exception exception) when (exception is TimeoutException or OrleansException)
        {
            // The placement must not fail because a silo is slow to respond, so it goes on with the counts it has.
            // The warning is logged once per run of failures.
            if (Interlocked.Exchange(ref _readsFailing, 1) == 0)
            {
                GrainLog.ActivationCountsUnavailable(logger, grainType.ToString(), silos.Length, exception);
            }

            var previous = _snapshots.GetValueOrDefault(grainType);
            var counts = silos.ToDictionary(silo => silo, silo => previous?.CountOn(silo) ?? 0);
            return new ActivationCountSnapshot(silos, counts, readAt);
        }
    }
}
