namespace VoiceHelper.Bench.Harness;

/// <summary>
/// Upper bounds for each awaited step, so that a hung server fails the benchmark with a message instead of
/// hanging it.
/// </summary>
internal static class BenchmarkTimeouts
{
    /// <summary>The limit for setup, which starts a silo (seconds when cold) and inserts a few rows.</summary>
    public static readonly TimeSpan Setup = TimeSpan.FromMinutes(2);

    /// <summary>The limit for one candidate or baseline operation, which normally takes milliseconds.</summary>
    public static readonly TimeSpan Operation = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The limit for teardown, which stops the silo and deletes the benchmark's rows, and in several benchmarks
    /// first runs their untimed extra measurements (throughput at several loads, or clusters of several sizes).
    /// </summary>
    public static readonly TimeSpan Teardown = TimeSpan.FromMinutes(5);
}
