using VoiceHelper.Gateway.Errors;
using VoiceHelper.Gateway.Logging;
using VoiceHelper.Grains.Conversations;

namespace VoiceHelper.Gateway.Conversations;

/// <summary>
/// Relays the events of a response from its conversation grain to a client as server-sent events: <c>delta</c>,
/// <c>sources</c> and <c>done</c>, each with the grain's sequence number as its event id, so a client resumes
/// after the last id it got.
/// </summary>
internal sealed class ResponseEventStream(
    ServerSentEventWriter writer, Guid conversationId, Guid responseId, ILogger logger, CancellationToken cancellationToken)
{
    /// <summary>The response header with the response id, sent before the first event.</summary>
    public const string ResponseIdHeader = "VoiceHelper-Response-Id";

    /// <summary>
    /// Returns whether the request's <c>Accept</c> header names <c>text/event-stream</c> with a quality above 0.
    /// A wildcard such as <c>*/*</c> does not count, so clients that accept anything get JSON.
    /// </summary>
    public static bool IsRequested(HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(accept =>
            accept.MediaType.Equals(ServerSentEventWriter.MediaType, StringComparison.OrdinalIgnoreCase)
            && accept.Quality is null or > 0);

    /// <summary>
    /// Moves to the next event, or writes an <c>error</c> event and returns false when the grain call fails. A
    /// cancellation by <c>cancellationToken</c>, which means the client is gone, is thrown.
    /// </summary>
    public async Task<bool> MoveNextAsync(IAsyncEnumerator<ResponseEvent> events)
    {
        try
        {
            return await events.MoveNextAsync();
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            var failure = FailureClassifier.Classify(exception);
            GatewayLog.ResponseStreamFailed(logger, responseId, conversationId, failure.Code, failure.Status, exception);
            await writer.WriteAsync("error", null, new StreamError(failure.Status, failure.Code, failure.Detail));
            return false;
        }
    }

    /// <summary>
    /// Writes the current event and the ones after it until the <c>done</c> event, or until an <c>error</c> event
    /// when the grain call fails.
    /// </summary>
    public async Task CopyAsync(IAsyncEnumerator<ResponseEvent> events)
    {
        while (true)
        {
            var current = events.Current;
            await WriteAsync(current);
            if (current.Kind == ResponseEventKind.Done || !await MoveNextAsync(events))
            {
                return;
            }
        }
    }

    private Task WriteAsync(ResponseEvent responseEvent) => responseEvent.Kind switch
    {
        ResponseEventKind.Delta => writer.WriteAsync("delta", responseEvent.Sequence, new TextDelta(responseEvent.Delta ?? string.Empty)),
        ResponseEventKind.Sources => writer.WriteAsync("sources", responseEvent.Sequence, new SourceList(responseEvent.Sources ?? [])),
        ResponseEventKind.Done => writer.WriteAsync("done", responseEvent.Sequence, responseEvent.Turn
            ?? throw new InvalidOperationException($"The done event of response '{responseId}' carries no turn.")),
        _ => throw new InvalidOperationException($"Response event kind '{responseEvent.Kind}' has no event name."),
    };
}
