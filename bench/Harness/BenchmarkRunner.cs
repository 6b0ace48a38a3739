using System.Diagnostics;

namespace VoiceHelper.Bench.Harness;

/// <summary>
/// Runs one benchmark: setup, warm-up, measurement and teardown. Each iteration times one baseline and one
/// candidate operation back to back, and the order flips every iteration, so that load changes on a shared
/// machine and any advantage of going first or second fall on both sides alike.
/// </summary>
internal sealed class BenchmarkRunner(RunOptions options)
{
    /// <summary>
    /// Runs the benchmark and returns its result. Teardown runs even after a failed setup or operation.
    /// </summary>
    /// <exception cref="TimeoutException">Setup, teardown or one operation took longer than its timeout.</exception>
    public async Task<BenchmarkResult> RunAsync(IBenchmark benchmark, CancellationToken cancellationToken)
    {
        BenchmarkResult result;
        try
        {
            result = await SetupAndMeasureAsync(benchmark, cancellationToken);
        }
        catch
        {
            await TeardownAfterFailureAsync(benchmark);
            throw;
        }

        await TeardownAsync(benchmark);
        return result;
    }

    private async Task<BenchmarkResult> SetupAndMeasureAsync(IBenchmark benchmark, CancellationToken cancellationToken)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var counts = options.CountsFor(benchmark);
        await WithTimeoutAsync(token => benchmark.SetupAsync(counts, token), BenchmarkTimeouts.Setup,
            $"setup of '{benchmark.Name}'", cancellationToken);
        await MeasureAsync(benchmark, counts.Warmup, cancellationToken);
        ForceGarbageCollection();
        var (candidate, baseline) = await MeasureAsync(benchmark, counts.Measured, cancellationToken);

        return new BenchmarkResult(benchmark.Name, benchmark.Description, benchmark.BaselineDescription,
            startedAt, counts.Measured, counts.Warmup, MachineDescription.Current(),
            SampleSummary.FromMilliseconds(candidate), SampleSummary.FromMilliseconds(baseline), candidate, baseline);
    }

    private static async Task<(List<double> Candidate, List<double> Baseline)> MeasureAsync(
        IBenchmark benchmark, int iterations, CancellationToken cancellationToken)
    {
        var candidate = new List<double>(iterations);
        var baseline = new List<double>(iterations);
        for (var iteration = 0; iteration < iterations; iteration++)
        {
            var candidateStep = $"candidate operation of '{benchmark.Name}' in iteration {iteration}";
            var baselineStep = $"baseline operation of '{benchmark.Name}' in iteration {iteration}";
            var candidateFirst = iteration % 2 == 1;
            if (candidateFirst)
            {
                candidate.Add(await TimeAsync(benchmark.RunCandidateAsync, candidateStep, cancellationToken));
            }

            baseline.Add(await TimeAsync(benchmark.RunBaselineAsync, baselineStep, cancellationToken));
            if (!candidateFirst)
            {
                candidate.Add(await TimeAsync(benchmark.RunCandidateAsync, candidateStep, cancellationToken));
            }
        }

        return (candidate, baseline);
    }

    private static async Task<double> TimeAsync(
        Func<CancellationToken, Task> operation, string stepName, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        await WithTimeoutAsync(operation, BenchmarkTimeouts.Operation, stepName, cancellationToken);
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    // Teardown ignores a Ctrl+C that stopped the measurement, so the servers and rows are still cleaned up.
    private static Task TeardownAsync(IBenchmark benchmark) =>
        WithTimeoutAsync(benchmark.TeardownAsync, BenchmarkTimeouts.Teardown, $"teardown of '{benchmark.Name}'",
            CancellationToken.None);

    private static async Task TeardownAfterFailureAsync(IBenchmark benchmark)
    {
        try
        {
            await TeardownAsync(benchmark);
        }
        catch (Exception exception)
        {
            // The caller rethrows the first failure, which is the one to fix, so this one is only printed.
            await Console.Error.WriteLineAsync(
                $"Teardown of '{benchmark.Name}' after a failure failed too: {exception}");
        }
    }

    private static async Task WithTimeoutAsync(
        Func<CancellationToken, Task> step, TimeSpan timeout, string stepName, CancellationToken cancellationToken)
    {
        var task = step(cancellationToken);
        try
        {
            await task.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException exception) when (!task.IsCompleted)
        {
            throw new TimeoutException($"The {stepName} did not finish within {timeout.TotalSeconds:0} s.", exception);
        }
    }

    private static void ForceGarbageCollection()
    {
        // Start measuring with an empty heap, so garbage from setup and warm-up does not add pauses to the samples.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }
}
