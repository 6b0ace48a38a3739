namespace VoiceHelper.Bench.Harness;

/// <summary>
/// Statistics of one operation's timed samples, in milliseconds. Percentiles interpolate linearly between the
/// two nearest ranks.
/// </summary>
internal sealed record SampleSummary(
    int Count,
    double MedianMilliseconds,
    double P95Milliseconds,
    double MeanMilliseconds,
    double MinMilliseconds,
    double MaxMilliseconds,
    double OperationsPerSecond)
{
    /// <summary>
    /// Summarizes durations that one caller measured one operation at a time, so operations per second is the
    /// count divided by the summed durations.
    /// </summary>
    public static SampleSummary FromMilliseconds(IReadOnlyCollection<double> samples)
    {
        ArgumentOutOfRangeException.ThrowIfZero(samples.Count);

        var sorted = samples.Order().ToArray();
        var total = sorted.Sum();
        return new SampleSummary(
            sorted.Length,
            Percentile(sorted, 0.50),
            Percentile(sorted, 0.95),
            total / sorted.Length,
            sorted[0],
            sorted[^1],
            sorted.Length / (total / 1000));
    }

    /// <summary>Returns the percentile at <paramref name="fraction"/> (0 to 1) of samples sorted ascending.</summary>
    public static double Percentile(double[] sorted, double fraction)
    {
        var rank = fraction * (sorted.Length - 1);
        var lower = (int)Math.Floor(rank);
        var upper = Math.Min(lower + 1, sorted.Length - 1);
        return sorted[lower] + ((rank - lower) * (sorted[upper] - sorted[lower]));
    }
}
