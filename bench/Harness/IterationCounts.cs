namespace VoiceHelper.Bench.Harness;

/// <summary>The untimed warm-up iterations and the measured iterations of one benchmark run.</summary>
/// <param name="Warmup">Iterations run before measuring, for JIT, connection pools and grain activation.</param>
/// <param name="Measured">Timed iterations. Each one times one baseline and one candidate operation.</param>
internal readonly record struct IterationCounts(int Warmup, int Measured);
