using System.Diagnostics;

namespace VoiceHelper.Grains.Placement;

/// <summary>
/// The activations of one grain type per silo, as read from the cluster at <see cref="ReadAt"/>, plus those that
/// this silo placed since. Thread-safe.
/// </summary>
public sealed class ActivationCountSnapshot
{
    private readonly Dictionary<SiloAddress, int> _counts;

    /// <param name="silos">The silos that were asked; a silo without activations has no entry in <paramref name="counts"/>.</param>
    /// <param name="counts">The activations per silo.</param>
    /// <param name="readAt">The <see cref="Stopwatch"/> timestamp of the read.</param>
    public ActivationCountSnapshot(IEnumerable<SiloAddress> silos, IReadOnlyDictionary<SiloAddress, int> counts, long readAt)
    {
        _counts = silos.ToDictionary(silo => silo, silo => counts.GetValueOrDefault(silo));
        ReadAt = readAt;
    }

    /// <summary>The <see cref="Stopwatch"/> timestamp of the read.</summary>
    public long ReadAt { get; }

    /// <summary>Whether the read asked every one of <paramref name="candidates"/>.</summary>
    public bool Covers(IEnumerable<PlacementCandidate> candidates)
    {
        lock (_counts)
        {
            return candidates.All(candidate => _counts.ContainsKey(candidate.Silo));
        }
    }

    /// <summary>Returns the activations counted on <paramref name="silo"/>, 0 for a silo the read did not ask.</summary>
    public int CountOn(SiloAddress silo)
    {
        lock (_counts)
        {
            return _counts.GetValueOrDefault(silo);
        }
    }

    /// <summary>
    /// Returns the candidate with the fewest activations per device, one of the tied ones at random, and counts the
    /// new activation on it.
    /// </summary>
    public SiloAddress PlaceOnLeastLoaded(IReadOnlyList<PlacementCandidate> candidates)
    {
        ArgumentOutOfRangeException.ThrowIfZero(candidates.Count);
        lock (_counts)
        {
            var best = new List<PlacementCandidate>();
            foreach (var candidate in candidates)
            {
                var comparison = best.Count == 0 ? -1 : CompareLoad(candidate, best[0]);
                if (comparison < 0)
                {
                    best.Clear();
                }

                if (comparison <= 0)
                {
                    best.Add(candidate);
                }
            }

            var chosen = best[Random.Shared.Next(best.Count)].Silo;
            _counts[chosen] = _counts.GetValueOrDefault(chosen) + 1;
            return chosen;
        }
    }

    // Compares count / devices of both without division; a candidate without devices counts as one device.
    private int CompareLoad(PlacementCandidate left, PlacementCandidate right) =>
        ((long)_counts.GetValueOrDefault(left.Silo) * Math.Max(right.Devices, 1))
            .CompareTo((long)_counts.GetValueOrDefault(right.Silo) * Math.Max(left.Devices, 1));
}
