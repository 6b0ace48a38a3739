namespace VoiceHelper.Bench.Gateway;

/// <summary>
/// The times of one streamed message, in milliseconds from sending the request: the first byte of the event stream,
/// the end of the <c>done</c> event, and the retrieval and answer times that the grain stored in the turn.
/// </summary>
internal sealed record StreamedTurnTiming(
    double FirstByteMilliseconds, double TotalMilliseconds, int? RetrievalMilliseconds, int? AnswerMilliseconds)
{
    /// <summary>The part of the total that is neither retrieval nor answering: HTTP, the gateway, Orleans and storage.</summary>
    public double OverheadMilliseconds =>
        TotalMilliseconds - (RetrievalMilliseconds ?? 0) - (AnswerMilliseconds ?? 0);
}
