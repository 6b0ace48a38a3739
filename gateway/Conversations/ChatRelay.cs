using Grpc.Core;
using VoiceHelper.Gateway.Logging;
using VoiceHelper.Grains.Conversations;
using V1 = VoiceHelper.Api.V1;

namespace VoiceHelper.Gateway.Conversations;

/// <summary>
/// Relays one answer's events from its conversation grain to a Chat call, and cancels the answer when the call that
/// sent its message ends before the done event.
/// </summary>
internal sealed class ChatRelay(
    IConversationGrain conversation, Guid tenantId, IServerStreamWriter<V1.ChatEvent> responseStream,
    ServerCallContext context, ILogger logger)
{
    private Guid ConversationId => conversation.GetPrimaryKey();

    /// <summary>
    /// Sends the started event and every event of the answer. When the call ends early (client cancellation,
    /// deadline, or a lost connection, which gRPC reports alike), cancels the answer unless
    /// <paramref name="background"/> is set.
    /// </summary>
    public async Task SendAnswerAsync(ResponseStart start, bool background)
    {
        try
        {
            await WriteAsync(start.ToStartedEvent());
            await RelayEventsAsync(start.ResponseId, afterSequence: 0);
        }
        catch (OperationCanceledException) when (!background && context.CancellationToken.IsCancellationRequested)
        {
            await CancelAnswerAsync(start.ResponseId);
            throw;
        }
    }

    /// <summary>Sends the answer's events after <paramref name="afterSequence"/>; ending early leaves the answer running.</summary>
    public Task ResumeAsync(Guid responseId, long afterSequence) => RelayEventsAsync(responseId, afterSequence);

    private async Task RelayEventsAsync(Guid responseId, long afterSequence)
    {
        var events = conversation.ReadResponseAsync(tenantId, responseId, afterSequence, context.CancellationToken);
        await foreach (var responseEvent in events.WithCancellation(context.CancellationToken))
        {
            await WriteAsync(responseEvent.ToMessage(responseId));
        }
    }

    // Throws OperationCanceledException whenever the call has ended, so callers can tell that case apart and
    // RpcExceptionInterceptor leaves the status to gRPC.
    private async Task WriteAsync(V1.ChatEvent chatEvent)
    {
        try
        {
            await responseStream.WriteAsync(chatEvent, context.CancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException && context.CancellationToken.IsCancellationRequested)
        {
            // A write that races with the end of the call can fail with an I/O error instead of a cancellation.
            throw new OperationCanceledException("The Chat call ended before the answer's done event.", exception,
                context.CancellationToken);
        }
    }

    private async Task CancelAnswerAsync(Guid responseId)
    {
        try
        {
            var cancelled = await conversation.CancelResponseAsync(tenantId, responseId);
            GatewayLog.ChatEndedEarly(logger, responseId, ConversationId, cancelled);
        }
        catch (Exception exception)
        {
            // The call has ended, so the failure can only be logged. The answer then runs to its end and is stored.
            GatewayLog.ChatCancelFailed(logger, responseId, ConversationId, exception);
        }
    }
}
