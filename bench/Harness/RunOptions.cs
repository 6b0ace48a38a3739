namespace VoiceHelper.Bench.Harness;

/// <summary>The settings of one run of the benchmark program, parsed from its command line.</summary>
internal sealed record RunOptions
{
    /// <summary>The measured iterations per benchmark when <c>--iterations</c> is not given.</summary>
    public const int DefaultIterations = 1000;

    /// <summary>The warm-up iterations per benchmark when <c>--warmup</c> is not given.</summary>
    public const int DefaultWarmup = 200;

    /// <summary>True to print the benchmarks and exit instead of running them. Default: false.</summary>
    public bool ListOnly { get; init; }

    /// <summary>True to print the usage text and exit. Default: false.</summary>
    public bool ShowHelp { get; init; }

    /// <summary>
    /// A case-insensitive substring that a benchmark's name must contain to run. Default: null, which runs all.
    /// </summary>
    public string? Filter { get; init; }

    /// <summary>Measured iterations. Each one times one baseline and one candidate operation.</summary>
    public int Iterations { get; init; } = DefaultIterations;

    /// <summary>Untimed iterations before the measured ones, for JIT, connection pools and grain activation.</summary>
    public int Warmup { get; init; } = DefaultWarmup;
}
