using VoiceHelper.Grains.Knowledge;

namespace VoiceHelper.Bench.Knowledge;

/// <summary>
/// The step times that the ingest grains recorded, summed over a round's documents, in milliseconds. Documents
/// ingest concurrently, so a sum can exceed the round's wall time.
/// </summary>
internal sealed record DocumentStepTotals(long ParseMs, long EmbedMs, long IndexMs)
{
    /// <summary>Sums the documents' <see cref="DocumentInfo.ParseMs"/>, <c>EmbedMs</c> and <c>IndexMs</c>.</summary>
    public static DocumentStepTotals Sum(IReadOnlyList<DocumentInfo> documents) => new(
        documents.Sum(document => (long)(document.ParseMs ?? 0)),
        documents.Sum(document => (long)(document.EmbedMs ?? 0)),
        documents.Sum(document => (long)(document.IndexMs ?? 0)));
}
