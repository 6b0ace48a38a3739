namespace VoiceHelper.Bench.Knowledge;

/// <summary>
/// One round of either side as the benchmark timed it: wall time, this process's CPU time (all threads, the silo's
/// included, PostgreSQL's not), the chunks embedded and, for the candidate, the grains' step times.
/// </summary>
internal sealed record IngestionRound(
    TimeSpan Elapsed, TimeSpan ProcessorTime, int Chunks, DocumentStepTotals? StepTotals)
{
    public double ChunksPerSecond => Chunks / Elapsed.TotalSeconds;
}
