using System.Text;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.Options;
using VoiceHelper.Gateway.Auth;
using VoiceHelper.Gateway.Errors;
using VoiceHelper.Gateway.Logging;
using VoiceHelper.Grains.Voice;
using V1 = VoiceHelper.Api.V1;

namespace VoiceHelper.Gateway.Realtime;

/// <summary>
/// The gRPC service <c>voicehelper.v1.VoiceService</c>: the events of <c>/v1/realtime</c> in a bidirectional
/// stream. It opens the voice session as the WebSocket endpoint does, relays audio bytes and JSON client events to
/// it, and streams its events back. Failures before the session opens become gRPC statuses in
/// <see cref="Rpc.RpcExceptionInterceptor"/>.
/// </summary>
public sealed class VoiceRpcService(IClusterClient cluster, IOptions<RealtimeOptions> options, ILogger<VoiceRpcService> logger)
    : V1.VoiceService.VoiceServiceBase
{
    public override async Task Converse(
        IAsyncStreamReader<V1.ConverseRequest> requestStream,
        IServerStreamWriter<V1.ConverseEvent> responseStream,
        ServerCallContext context)
    {
        if (!await requestStream.MoveNext(context.CancellationToken)
            || requestStream.Current.KindCase != V1.ConverseRequest.KindOneofCase.Start)
        {
            throw ApiProblemException.InvalidField("start",
                "The first request of Converse must be 'start', naming the knowledge base and optionally the conversation.");
        }

        var start = requestStream.Current.Start;
        var http = context.GetHttpContext();
        var opened = await RealtimeSessions.OpenAsync(http.Request, cluster, http.User.GetTenantId(), start.KnowledgeBase,
            start.ConversationId, start.HasResumeAfter ? start.ResumeAfter : null);
        var writer = new RealtimeEventWriter(opened.Model, start.BetaEventNames, includeAudio: false);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);
        var sending = SendAsync(opened, writer, responseStream, stop);
        try
        {
            await ReceiveAsync(requestStream, opened, stop.Token);
        }
        catch (Exception exception) when (exception is VoiceConnectionClosedException
            || (exception is OperationCanceledException && sending.IsCompletedSuccessfully && sending.Result))
        {
            throw new RpcException(new Status(StatusCode.Aborted,
                "A newer connection to the conversation replaced this call, or the call fell too far behind. " +
                "Call Converse again with resume_after to continue."));
        }
        finally
        {
            await stop.CancelAsync();
            await sending;
            await opened.Session.DisconnectAsync(opened.Connection.ConnectionId);
        }
    }

    private async Task ReceiveAsync(
        IAsyncStreamReader<V1.ConverseRequest> requests, OpenedSession opened, CancellationToken cancellationToken)
    {
        var connectionId = opened.Connection.ConnectionId;
        var dispatcher = new ClientEventDispatcher(opened.Session, connectionId);
        var limit = options.Value.MaxMessageBytes;
        while (await requests.MoveNext(cancellationToken))
        {
            var request = requests.Current;
            switch (request.KindCase)
            {
                case V1.ConverseRequest.KindOneofCase.Audio when request.Audio.Length > limit:
                    await dispatcher.RejectAsync("message_too_large",
                        $"The audio has {request.Audio.Length} bytes; the limit is {limit}. Send smaller pieces.", null, "audio");
                    break;
                case V1.ConverseRequest.KindOneofCase.Audio when request.Audio.Length > 0:
                    await opened.Session.AppendAudioAsync(connectionId, request.Audio.ToByteArray(), null);
                    break;
                case V1.ConverseRequest.KindOneofCase.EventJson when Encoding.UTF8.GetByteCount(request.EventJson) > limit:
                    await dispatcher.RejectAsync("message_too_large",
                        $"The event is larger than the limit of {limit} bytes and was skipped.", null, "event_json");
                    break;
                case V1.ConverseRequest.KindOneofCase.EventJson:
                    await dispatcher.DispatchAsync(Encoding.UTF8.GetBytes(request.EventJson));
                    break;
                default:
                    await dispatcher.RejectAsync("invalid_event",
                        "Each request after the first must carry 'audio' or 'event_json'; 'start' comes only once.", null);
                    break;
            }
        }
    }

    // Returns true when the session ended the call (a newer connection or a slow reader), false when it was cancelled.
    private async Task<bool> SendAsync(
        OpenedSession opened, RealtimeEventWriter writer, IServerStreamWriter<V1.ConverseEvent> responses,
        CancellationTokenSource stop)
    {
        try
        {
            var events = opened.Session.ReadEventsAsync(opened.Connection.ConnectionId, opened.Connection.ReadAfter, stop.Token);
            await foreach (var voiceEvent in events.WithCancellation(stop.Token))
            {
                var json = writer.Write(voiceEvent);
                if (json.IsEmpty)
                {
                    continue;
                }

                await responses.WriteAsync(new V1.ConverseEvent
                {
                    Sequence = voiceEvent.Sequence,
                    Type = writer.TypeOf(voiceEvent.Kind),
                    Json = Encoding.UTF8.GetString(json.Span),
                    Audio = voiceEvent.Audio is { } audio ? ByteString.CopyFrom(audio) : ByteString.Empty,
                }, stop.Token);
            }

            await stop.CancelAsync();
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (Exception exception) when (exception is TimeoutException or OrleansException or InvalidOperationException)
        {
            GatewayLog.RealtimeSessionFailed(logger, opened.ConversationId, opened.Connection.ConnectionId, exception);
            await stop.CancelAsync();
            return false;
        }
    }
}
