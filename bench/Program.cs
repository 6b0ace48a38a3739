using VoiceHelper.Bench.Harness;

namespace VoiceHelper.Bench;

/// <summary>The benchmark program's entry point. <see cref="CommandLine.Usage"/> describes its arguments.</summary>
internal static class Program
{
    private const int ExitSuccess = 0;
    private const int ExitBenchmarkFailed = 1;
    private const int ExitInvalidUsage = 2;

    public static async Task<int> Main(string[] args)
    {
        RunOptions options;
        try
        {
            options = CommandLine.Parse(args);
        }
        catch (UsageException exception)
        {
            await Console.Error.WriteLineAsync(exception.Message);
            return ExitInvalidUsage;
        }

        if (options.ShowHelp)
        {
            Console.WriteLine(CommandLine.Usage);
            return ExitSuccess;
        }

        var benchmarks = BenchmarkCatalog.Select(options.Filter, options.Gpu);
        if (benchmarks.Count == 0)
        {
            var all = options.Gpu ? BenchmarkCatalog.CreateGpu() : BenchmarkCatalog.CreateAll();
            var names = string.Join(", ", all.Select(benchmark => benchmark.Name));
            await Console.Error.WriteLineAsync(
                $"No benchmark name contains '{options.Filter}'. The benchmarks are: {names}.");
            return ExitInvalidUsage;
        }

        if (options.ListOnly)
        {
            PrintList(benchmarks);
            return ExitSuccess;
        }

        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, eventArgs) =>
        {
            eventArgs.Cancel = true;
            stop.Cancel();
        };
        return await RunAllAsync(benchmarks, new BenchmarkRunner(options), stop.Token);
    }

    private static void PrintList(IReadOnlyList<IBenchmark> benchmarks)
    {
        foreach (var benchmark in benchmarks)
        {
            Console.WriteLine(benchmark.Name);
            Console.WriteLine($"  candidate: {benchmark.Description}");
            Console.WriteLine($"  baseline: {benchmark.BaselineDescription}");
            var counts = benchmark.DefaultCounts;
            Console.WriteLine($"  default iterations: {counts.Measured} after {counts.Warmup} warm-up");
        }
    }

    private static async Task<int> RunAllAsync(
        IReadOnlyList<IBenchmark> benchmarks, BenchmarkRunner runner, CancellationToken cancellationToken)
    {
        var failed = 0;
        foreach (var benchmark in benchmarks)
        {
            try
            {
                var result = await runner.RunAsync(benchmark, cancellationToken);
                ResultConsoleWriter.Write(result);
                var path = await ResultFileWriter.WriteAsync(result, cancellationToken);
                Console.WriteLine($"Wrote {path}");
                Console.WriteLine();
            }
            catch (BenchmarkConfigurationException exception)
            {
                await Console.Error.WriteLineAsync(exception.Message);
                return ExitInvalidUsage;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await Console.Error.WriteLineAsync(
                    $"Benchmark '{benchmark.Name}' was cancelled, and the benchmarks after it did not run.");
                return ExitBenchmarkFailed;
            }
            catch (Exception exception)
            {
                // Report the failure and go on, so one broken benchmark does not hide the others' results.
                await Console.Error.WriteLineAsync($"Benchmark '{benchmark.Name}' failed: {exception}");
                failed++;
            }
        }

        if (failed > 0)
        {
            await Console.Error.WriteLineAsync($"{failed} of {benchmarks.Count} benchmarks failed.");
            return ExitBenchmarkFailed;
        }

        return ExitSuccess;
    }
}
