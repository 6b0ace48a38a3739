using System.Globalization;

namespace VoiceHelper.Bench.Harness;

/// <summary>Parses the benchmark program's arguments into <see cref="RunOptions"/>.</summary>
internal static class CommandLine
{
    public static readonly string Usage = $"""
        Usage: dotnet pwsh ./build.ps1 bench [options]
           or: dotnet run -c Release --project bench/VoiceHelper.Bench.csproj -- [options]

        Runs each benchmark's baseline and candidate operations alternately and prints the median, p95 and
        operations per second of both, and the ratio candidate/baseline. Results also go to
        artifacts/bench/<name>.json.

        Options:
          --list              Print the benchmarks and exit.
          --filter SUBSTRING  Run only benchmarks whose name contains SUBSTRING (case-insensitive).
          --iterations N      Measured iterations per benchmark, N >= 1 (default: each benchmark's own; --list
                              prints them).
          --warmup N          Untimed iterations before measuring, N >= 0 (default: each benchmark's own).
          --gpu               Run the GPU benchmarks (gpu-embedding, gpu-vad: CUDA against CPU) instead of the
                              others. They need an NVIDIA GPU with CUDA and cuDNN, and a build with
                              -p:OnnxRuntimeGpu=true, which 'build.ps1 bench --gpu' makes.
          -h, --help          Print this text.

        Environment:
          VOICEHELPER_BENCH_POSTGRES  Npgsql connection string of a database with db/migrations applied.
                                      'dotnet pwsh ./build.ps1 bench' creates one and sets it.
          VOICEHELPER_BENCH_REDIS     Redis connection string for the cluster membership of the silo and
                                      gateway that conversation-gateway starts; build.ps1 bench sets it.
          VOICEHELPER_BENCH_PGBENCH   Path of pgbench for conversation-gateway (default: pgbench on PATH).

        Exit codes: 0 all benchmarks ran, 1 a benchmark failed, 2 invalid arguments or environment.
        """;

    /// <summary>Parses the arguments that follow <c>--</c> on the <c>dotnet run</c> command line.</summary>
    /// <exception cref="UsageException">An argument is unknown, or an option's value is missing or invalid.</exception>
    public static RunOptions Parse(IReadOnlyList<string> arguments)
    {
        var options = new RunOptions();
        for (var index = 0; index < arguments.Count; index++)
        {
            var argument = arguments[index];
            options = argument switch
            {
                "--list" => options with { ListOnly = true },
                "--gpu" => options with { Gpu = true },
                "-h" or "--help" => options with { ShowHelp = true },
                "--filter" => options with { Filter = ReadValue(arguments, ref index) },
                "--iterations" => options with { Iterations = ReadCount(arguments, ref index, minimum: 1) },
                "--warmup" => options with { Warmup = ReadCount(arguments, ref index, minimum: 0) },
                _ => throw new UsageException($"Unknown argument '{argument}'. Run with --help for the options."),
            };
        }

        return options;
    }

    private static string ReadValue(IReadOnlyList<string> arguments, ref int index)
    {
        var option = arguments[index];
        index++;
        if (index >= arguments.Count || arguments[index].StartsWith("--", StringComparison.Ordinal))
        {
            throw new UsageException($"Option '{option}' requires a value.");
        }

        return arguments[index];
    }

    private static int ReadCount(IReadOnlyList<string> arguments, ref int index, int minimum)
    {
        var option = arguments[index];
        var text = ReadValue(arguments, ref index);
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < minimum)
        {
            throw new UsageException($"Option '{option}' must be an integer >= {minimum}, but was '{text}'.");
        }

        return value;
    }
}
