using System.Security.Claims;
using VoiceHelper.Gateway.Auth;
using VoiceHelper.Grains.Conversations;

namespace VoiceHelper.Gateway.Conversations;

/// <summary>
/// <c>/api/v1/conversations/{id}/responses/{responseId}</c>: resuming a response's events and cancelling it. Any
/// gateway serves them, because the conversation grain keeps the events.
/// </summary>
internal static class ResponseEndpoints
{
    private const string LastEventIdHeader = "Last-Event-ID";

    /// <summary>
    /// Streams the events after <c>Last-Event-ID</c> (or the query parameter <c>after</c>; the header wins, as a
    /// reconnecting EventSource sends both) until the done event. The client only observes: disconnecting does not
    /// cancel the response. When no event follows that id, it returns 204, which stops an EventSource from
    /// reconnecting.
    /// </summary>
    public static async Task<IResult> ReadEventsAsync(
        string id, string responseId, string? after, HttpContext context, ClaimsPrincipal user, IClusterClient cluster,
        ILoggerFactory loggers)
    {
        var conversationId = ConversationEndpoints.ParseId(id);
        var responseGuid = ParseResponseId(responseId);
        var afterSequence = ReadAfterSequence(context.Request, after);

        var aborted = context.RequestAborted;
        var grain = cluster.GetGrain<IConversationGrain>(conversationId);
        await using var events = grain.ReadResponseAsync(user.GetTenantId(), responseGuid, afterSequence, aborted)
            .GetAsyncEnumerator(aborted);
        // The first event is read before the response starts, so an unknown conversation or response is a 404
        // problem rather than an error event.
        if (!await events.MoveNextAsync())
        {
            return TypedResults.NoContent();
        }

        context.Response.Headers[ResponseEventStream.ResponseIdHeader] = responseGuid.ToString();
        var logger = loggers.CreateLogger(typeof(ResponseEndpoints).FullName!);
        try
        {
            var writer = await ServerSentEventWriter.StartAsync(context, aborted);
            await new ResponseEventStream(writer, conversationId, responseGuid, logger, aborted).CopyAsync(events);
        }
        catch (Exception exception) when (aborted.IsCancellationRequested && exception is OperationCanceledException or IOException)
        {
            // An observer that leaves changes nothing, because the response goes on for its other readers.
        }

        return Results.Empty;
    }

    /// <summary>Cancels a response in progress; <c>cancelled</c> is false when it had already ended.</summary>
    public static async Task<IResult> CancelAsync(string id, string responseId, ClaimsPrincipal user, IClusterClient cluster)
    {
        var conversationId = ConversationEndpoints.ParseId(id);
        var responseGuid = ParseResponseId(responseId);

        var cancelled = await cluster.GetGrain<IConversationGrain>(conversationId)
            .CancelResponseAsync(user.GetTenantId(), responseGuid);
        return TypedResults.Ok(new CancelResult(responseGuid, cancelled));
    }

    private static Guid ParseResponseId(string responseId) => ConversationChecks.ParseId("responseId", responseId,
        "Use the response_id of the message's response event, or its VoiceHelper-Response-Id header.");

    private static long ReadAfterSequence(HttpRequest request, string? after)
    {
        var header = request.Headers[LastEventIdHeader].ToString();
        return header.Length > 0
            ? ConversationChecks.ParseOptionalInteger(LastEventIdHeader, header, 0, long.MaxValue, "Header")!.Value
            : ConversationChecks.ParseOptionalInteger("after", after, 0, long.MaxValue) ?? 0;
    }
}
