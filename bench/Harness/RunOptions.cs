namespace VoiceHelper.Bench.Harness;

/// <summary>The settings of one run of the benchmark program, parsed from its command line.</summary>
internal sealed record RunOptions
{
    /// <summary>True to print the benchmarks and exit instead of running them. Default: false.</summary>
    public bool ListOnly { get; init; }

    /// <summary>True to print the usage text and exit. Default: false.</summary>
    public bool ShowHelp { get; init; }

    /// <summary>
    /// A case-insensitive substring that a benchmark's name must contain to run. Default: null, which runs all.
    /// </summary>
    public string? Filter { get; init; }

    /// <summary>
    /// Measured iterations of every selected benchmark. Default: null, which runs each benchmark's own
    /// <see cref="IBenchmark.DefaultCounts"/>.
    /// </summary>
    public int? Iterations { get; init; }

    /// <summary>
    /// True to run the GPU benchmarks, which need a build with <c>-p:OnnxRuntimeGpu=true</c> and an NVIDIA GPU, instead
    /// of the others. Default: false.
    /// </summary>
    public bool Gpu { get; init; }

    /// <summary>Warm-up iterations of every selected benchmark. Default: null, which runs each benchmark's own.</summary>
    public int? Warmup { get; init; }

    /// <summary>Returns the iteration counts for <paramref name="benchmark"/>: the command line's, else its own.</summary>
    public IterationCounts CountsFor(IBenchmark benchmark) => new(
        Warmup ?? benchmark.DefaultCounts.Warmup,
        Iterations ?? benchmark.DefaultCounts.Measured);
}
