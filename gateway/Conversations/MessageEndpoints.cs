using System.Security.Claims;
using VoiceHelper.Gateway.Auth;
using VoiceHelper.Gateway.Json;
using VoiceHelper.Gateway.Logging;
using VoiceHelper.Grains.Conversations;

namespace VoiceHelper.Gateway.Conversations;

/// <summary>
/// <c>POST</c> and <c>GET /api/v1/conversations/{id}/messages</c>: sending a message, whose reply is returned as JSON
/// or as an event stream, and reading the history.
/// </summary>
internal static class MessageEndpoints
{
    private const string MessageExample = """{ "text": "How do I create an index?" }""";
    private const string ReplayedHeader = "Idempotent-Replayed";
    private static readonly TimeSpan CancelTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Stores the message, then returns the whole exchange as JSON, or with the answer's events when the
    /// client accepts <c>text/event-stream</c>. Failures before the first event are problem details.
    /// </summary>
    public static async Task<IResult> SendAsync(
        string id, HttpContext context, ClaimsPrincipal user, IClusterClient cluster, ILoggerFactory loggers)
    {
        var request = context.Request;
        var conversationId = ConversationEndpoints.ParseId(id);
        var idempotencyKey = ConversationChecks.IdempotencyKey(request);
        var body = await RequestBody.ReadAsync<SendMessageRequest>(request, MessageExample);
        var text = TextFields.Require("text", body.Text, ConversationLimits.MaxMessageLength, MessageExample);
        var message = new UserMessage(text, body.Modality ?? TurnModality.Text, idempotencyKey);

        var tenantId = user.GetTenantId();
        var grain = cluster.GetGrain<IConversationGrain>(conversationId);
        var start = await grain.StartResponseAsync(tenantId, message);
        ConversationChecks.EnsureSameMessage(start, message);
        context.Response.Headers[ResponseEventStream.ResponseIdHeader] = start.ResponseId.ToString();
        if (start.Replayed)
        {
            context.Response.Headers[ReplayedHeader] = "true";
        }

        if (!ResponseEventStream.IsRequested(request))
        {
            var reply = await ReadReplyAsync(grain, tenantId, start.ResponseId, context.RequestAborted);
            return TypedResults.Ok(new MessageReply(start.Message, reply, start.Replayed));
        }

        var logger = loggers.CreateLogger(typeof(MessageEndpoints).FullName!);
        await StreamAsync(context, grain, tenantId, conversationId, start, logger);
        return Results.Empty;
    }

    public static async Task<IResult> ListAsync(
        string id, string? limit, string? before, ClaimsPrincipal user, IClusterClient cluster)
    {
        var conversationId = ConversationEndpoints.ParseId(id);
        var pageSize = ConversationChecks.ParseOptionalInteger("limit", limit, 1, ConversationLimits.MaxPageSize)
            ?? ConversationLimits.DefaultPageSize;
        var beforeSequence = ConversationChecks.ParseOptionalInteger("before", before, 1, long.MaxValue);

        var page = await cluster.GetGrain<IConversationGrain>(conversationId)
            .GetTurnsAsync(user.GetTenantId(), (int)pageSize, beforeSequence);
        return TypedResults.Ok(new MessagePage(page.Turns, page.NextBefore));
    }

    // Waits for the done event. A client that disconnects stops the wait but not the answer, so a retry with the
    // same Idempotency-Key gets the finished answer.
    private static async Task<Turn> ReadReplyAsync(
        IConversationGrain grain, Guid tenantId, Guid responseId, CancellationToken cancellationToken)
    {
        await foreach (var responseEvent in grain.ReadResponseAsync(tenantId, responseId, 0, cancellationToken))
        {
            if (responseEvent is { Kind: ResponseEventKind.Done, Turn: { } turn })
            {
                return turn;
            }
        }

        throw new InvalidOperationException($"The events of response '{responseId}' ended without a done event.");
    }

    // Writes the response event and then the answer's events. A client that disconnects before the done event
    // cancels the answer, which the grain stores as a cancelled turn with the text produced so far.
    private static async Task StreamAsync(
        HttpContext context, IConversationGrain grain, Guid tenantId, Guid conversationId, ResponseStart start, ILogger logger)
    {
        var aborted = context.RequestAborted;
        try
        {
            var writer = await ServerSentEventWriter.StartAsync(context, aborted);
            await writer.WriteAsync("response", null,
                new ResponseStarted(conversationId, start.ResponseId, start.Message, start.Replayed));

            var stream = new ResponseEventStream(writer, conversationId, start.ResponseId, logger, aborted);
            await using var events = grain.ReadResponseAsync(tenantId, start.ResponseId, 0, aborted).GetAsyncEnumerator(aborted);
            if (await stream.MoveNextAsync(events))
            {
                await stream.CopyAsync(events);
            }
        }
        catch (Exception exception) when (aborted.IsCancellationRequested && exception is OperationCanceledException or IOException)
        {
            await CancelAfterDisconnectAsync(grain, tenantId, conversationId, start.ResponseId, logger);
        }
    }

    private static async Task CancelAfterDisconnectAsync(
        IConversationGrain grain, Guid tenantId, Guid conversationId, Guid responseId, ILogger logger)
    {
        try
        {
            var cancelled = await grain.CancelResponseAsync(tenantId, responseId).WaitAsync(CancelTimeout);
            GatewayLog.ResponseCancelledOnDisconnect(logger, responseId, conversationId, cancelled);
        }
        catch (Exception exception)
        {
            // The client is gone, so this log line is the only record. The answer runs to its end or until
            // Conversations:AnswerTimeout.
            GatewayLog.ResponseCancelOnDisconnectFailed(logger, responseId, conversationId, exception);
        }
    }
}
