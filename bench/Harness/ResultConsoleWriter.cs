using System.Globalization;

namespace VoiceHelper.Bench.Harness;

/// <summary>Prints a <see cref="BenchmarkResult"/> as a small table on standard output.</summary>
internal static class ResultConsoleWriter
{
    public static void Write(BenchmarkResult result)
    {
        Console.WriteLine($"{result.Name}: {result.Description}");
        Console.WriteLine($"  baseline: {result.BaselineDescription}");
        Console.WriteLine($"  {result.Iterations} iterations after {result.Warmup} warm-up iterations");
        Console.WriteLine(Row("", "median ms", "p95 ms", "ops/s"));
        Console.WriteLine(SummaryRow("candidate", result.Candidate));
        Console.WriteLine(SummaryRow("baseline", result.Baseline));
        Console.WriteLine(Row("ratio", Format(result.MedianRatio, "0.00x"), Format(result.P95Ratio, "0.00x"), ""));
        Console.WriteLine();
    }

    private static string SummaryRow(string label, SampleSummary summary) => Row(
        label,
        Format(summary.MedianMilliseconds, "0.000"),
        Format(summary.P95Milliseconds, "0.000"),
        Format(summary.OperationsPerSecond, "0"));

    private static string Row(string label, string median, string p95, string rate) =>
        $"  {label,-10} {median,10} {p95,10} {rate,8}".TrimEnd();

    private static string Format(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
