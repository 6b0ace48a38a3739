using System.Globalization;

namespace VoiceHelper.Bench.Knowledge;

/// <summary>
/// Prints what the harness's table leaves out: each round's chunks per second on both sides, this process's CPU
/// time and the grains' step times, and the ratio of the median throughputs over the measured rounds.
/// </summary>
internal static class IngestionReport
{
    public static void Print(
        IReadOnlyList<IngestionRound> candidate, IReadOnlyList<IngestionRound> baseline, int warmupRounds)
    {
        if (candidate.Count == 0 && baseline.Count == 0)
        {
            return;
        }

        Console.WriteLine("ingestion rounds in run order: wall time, chunks/s and CPU time of this process, and for " +
            "the candidate the sums of the documents' parse, embed and index ms");
        for (var round = 0; round < Math.Max(candidate.Count, baseline.Count); round++)
        {
            Console.WriteLine(round < warmupRounds ? $"  round {round} (warm-up)" : $"  round {round}");
            if (round < candidate.Count)
            {
                Console.WriteLine($"    candidate {Describe(candidate[round])}");
            }

            if (round < baseline.Count)
            {
                Console.WriteLine($"    baseline  {Describe(baseline[round])}");
            }
        }

        PrintMedians(candidate.Skip(warmupRounds).ToList(), baseline.Skip(warmupRounds).ToList());
    }

    private static void PrintMedians(IReadOnlyList<IngestionRound> candidate, IReadOnlyList<IngestionRound> baseline)
    {
        if (candidate.Count == 0 || baseline.Count == 0)
        {
            return;
        }

        var candidateRate = Median(candidate.Select(round => round.ChunksPerSecond));
        var baselineRate = Median(baseline.Select(round => round.ChunksPerSecond));
        Console.WriteLine(Invariant(
            $"  median chunks/s over the measured rounds: candidate {candidateRate:0.0}, baseline {baselineRate:0.0}"));
        Console.WriteLine(Invariant($"  throughput ratio candidate/baseline: {candidateRate / baselineRate:0.00}"));

        // Under CPU contention from other processes, wall time also depends on the share of the cores that this
        // process gets. CPU time per round shows the work that each side does, PostgreSQL's excluded.
        var candidateCpu = Median(candidate.Select(round => round.ProcessorTime.TotalSeconds));
        var baselineCpu = Median(baseline.Select(round => round.ProcessorTime.TotalSeconds));
        Console.WriteLine(Invariant(
            $"  median CPU s of this process per round: candidate {candidateCpu:0.0}, baseline {baselineCpu:0.0}"));
    }

    private static string Describe(IngestionRound round)
    {
        var seconds = round.Elapsed.TotalSeconds;
        var cpuSeconds = round.ProcessorTime.TotalSeconds;
        var text = Invariant($"{seconds,7:0.00} s {round.ChunksPerSecond,7:0.0} chunks/s CPU {cpuSeconds,6:0.0} s");
        return round.StepTotals is { } steps
            ? text + Invariant($"  parse {steps.ParseMs} embed {steps.EmbedMs} index {steps.IndexMs}")
            : text;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
