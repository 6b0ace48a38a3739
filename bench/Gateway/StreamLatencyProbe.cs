using System.Globalization;
using VoiceHelper.Bench.Harness;

namespace VoiceHelper.Bench.Gateway;

/// <summary>
/// Streams messages in several conversations at once and prints the p50 and p99 of the time to the first byte of
/// the event stream, of the whole turn, and of the grain's retrieval and answer times, so that the gateway's and
/// Orleans's overhead (total minus retrieval minus answer) can be read off.
/// </summary>
internal static class StreamLatencyProbe
{
    /// <summary>
    /// Creates <paramref name="concurrency"/> conversations, streams one untimed message in each, then
    /// <paramref name="rounds"/> rounds in which every conversation streams one message at the same time.
    /// </summary>
    public static async Task<IReadOnlyList<StreamedTurnTiming>> MeasureAsync(ConversationApiClient client,
        Guid knowledgeBaseId, int concurrency, int rounds, string text, CancellationToken cancellationToken)
    {
        var conversations = new List<Guid>(concurrency);
        for (var index = 0; index < concurrency; index++)
        {
            conversations.Add(await client.CreateConversationAsync(knowledgeBaseId, cancellationToken));
        }

        await StreamRoundAsync(client, conversations, text, cancellationToken);
        var timings = new List<StreamedTurnTiming>(concurrency * rounds);
        for (var round = 0; round < rounds; round++)
        {
            timings.AddRange(await StreamRoundAsync(client, conversations, text, cancellationToken));
        }

        return timings;
    }

    /// <summary>Writes one line per measure: p50 and p99 in milliseconds, and the count.</summary>
    public static void Print(TextWriter output, int concurrency, IReadOnlyList<StreamedTurnTiming> timings)
    {
        output.WriteLine($"  {concurrency} concurrent conversations, {timings.Count} streamed messages:");
        PrintLine(output, "first SSE byte", timings.Select(timing => timing.FirstByteMilliseconds));
        PrintLine(output, "total to done", timings.Select(timing => timing.TotalMilliseconds));
        PrintLine(output, "retrieval_ms", timings.Select(timing => (double)(timing.RetrievalMilliseconds ?? 0)));
        PrintLine(output, "answer_ms", timings.Select(timing => (double)(timing.AnswerMilliseconds ?? 0)));
        PrintLine(output, "overhead", timings.Select(timing => timing.OverheadMilliseconds));
        var missing = timings.Count(timing => timing.RetrievalMilliseconds is null || timing.AnswerMilliseconds is null);
        if (missing > 0)
        {
            output.WriteLine($"    {missing} done events lacked retrieval_ms or answer_ms, counted as 0 ms.");
        }
    }

    private static Task<StreamedTurnTiming[]> StreamRoundAsync(ConversationApiClient client,
        IEnumerable<Guid> conversations, string text, CancellationToken cancellationToken) =>
        Task.WhenAll(conversations.Select(id => client.StreamMessageAsync(id, text, cancellationToken)));

    private static void PrintLine(TextWriter output, string label, IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        var p50 = SampleSummary.Percentile(sorted, 0.50);
        var p99 = SampleSummary.Percentile(sorted, 0.99);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"    {label,-15} p50 {p50,9:0.000} ms   p99 {p99,9:0.000} ms"));
    }
}
