namespace VoiceHelper.Bench.Harness;

/// <summary>
/// The outcome of one benchmark run: both operations' statistics and their ratios, which are the numbers that
/// targets are judged on because the absolute times depend on the machine and its load. The samples are in run
/// order, so that drift during a run can be seen.
/// </summary>
internal sealed record BenchmarkResult(
    string Name,
    string Description,
    string BaselineDescription,
    DateTimeOffset StartedAt,
    int Iterations,
    int Warmup,
    MachineDescription Machine,
    SampleSummary Candidate,
    SampleSummary Baseline,
    IReadOnlyList<double> CandidateSamplesMilliseconds,
    IReadOnlyList<double> BaselineSamplesMilliseconds)
{
    /// <summary>The candidate's median divided by the baseline's median.</summary>
    public double MedianRatio => Candidate.MedianMilliseconds / Baseline.MedianMilliseconds;

    /// <summary>The candidate's p95 divided by the baseline's p95.</summary>
    public double P95Ratio => Candidate.P95Milliseconds / Baseline.P95Milliseconds;
}
