using System.Buffers;
using System.Net.WebSockets;
using VoiceHelper.Gateway.Logging;
using VoiceHelper.Grains.Voice;

namespace VoiceHelper.Gateway.Realtime;

/// <summary>
/// Relays one accepted WebSocket: a receive loop passes each client event to the voice session, one call at a time,
/// and a send loop streams the session's events to the client. A slow client slows the send loop, which stops
/// pulling events, which holds back the session's audio: no buffer on the way grows without bound.
/// </summary>
internal sealed class RealtimeConnection(
    WebSocket socket,
    IVoiceSessionGrain session,
    VoiceConnection connection,
    RealtimeEventWriter writer,
    RealtimeOptions options,
    Guid conversationId,
    ILogger logger)
{
    private static readonly TimeSpan CloseGrace = TimeSpan.FromSeconds(2);

    // Both loops may want to close; a WebSocket allows one close at a time.
    private int _closing;

    public async Task RunAsync(CancellationToken aborted)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        var sending = SendAsync(stop);
        try
        {
            await ReceiveAsync(new ClientEventDispatcher(session, connection.ConnectionId), stop.Token);
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
        {
            GatewayLog.RealtimeConnectionLost(logger, conversationId, connection.ConnectionId, exception.Message);
        }
        catch (VoiceConnectionClosedException)
        {
            // A newer connection replaced this one, or the session closed it because its client fell behind.
            await CloseAsync(WebSocketCloseStatus.PolicyViolation, "the session ended this connection; reconnect to resume");
        }
        catch (Exception exception) when (exception is TimeoutException or OrleansException)
        {
            GatewayLog.RealtimeSessionFailed(logger, conversationId, connection.ConnectionId, exception);
            await CloseAsync(WebSocketCloseStatus.InternalServerError, "the session is unavailable; reconnect to resume");
        }
        finally
        {
            await stop.CancelAsync();
            await sending;
            await DisconnectAsync();
        }
    }

    private async Task ReceiveAsync(ClientEventDispatcher dispatcher, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(options.MaxMessageBytes + 1);
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var (length, type, complete) = await ReadMessageAsync(buffer, cancellationToken);
                if (type == WebSocketMessageType.Close)
                {
                    await CloseAsync(WebSocketCloseStatus.NormalClosure, "closed by the client");
                    return;
                }

                if (!complete)
                {
                    await dispatcher.RejectAsync("message_too_large",
                        $"The message is larger than the limit of {options.MaxMessageBytes} bytes and was skipped. " +
                        "Send audio in smaller input_audio_buffer.append events, such as 20 to 100 ms each.", null);
                }
                else if (type == WebSocketMessageType.Binary)
                {
                    await dispatcher.RejectAsync("invalid_event",
                        "Binary messages are not events. Send each event as a text message of JSON, with audio in base64.", null);
                }
                else
                {
                    await dispatcher.DispatchAsync(buffer.AsMemory(0, length));
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    // Reads one message; one over the limit is read to its end and reported as incomplete.
    private async Task<(int Length, WebSocketMessageType Type, bool Complete)> ReadMessageAsync(
        byte[] buffer, CancellationToken cancellationToken)
    {
        var length = 0;
        var complete = true;
        while (true)
        {
            var space = complete ? buffer.AsMemory(length, options.MaxMessageBytes + 1 - length) : buffer.AsMemory(0, 4096);
            var result = await socket.ReceiveAsync(space, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return (0, WebSocketMessageType.Close, true);
            }

            if (complete)
            {
                length += result.Count;
                complete = length <= options.MaxMessageBytes;
            }

            if (result.EndOfMessage)
            {
                return (length, result.MessageType, complete);
            }
        }
    }

    private async Task SendAsync(CancellationTokenSource stop)
    {
        try
        {
            var events = session.ReadEventsAsync(connection.ConnectionId, connection.ReadAfter, stop.Token);
            await foreach (var voiceEvent in events.WithCancellation(stop.Token))
            {
                var message = writer.Write(voiceEvent);
                if (!message.IsEmpty)
                {
                    await socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, stop.Token);
                }
            }

            // The session ended this connection: a newer one replaced it, or it fell too far behind.
            await CloseAsync(WebSocketCloseStatus.PolicyViolation, "the session ended this connection; reconnect to resume");
            stop.CancelAfter(CloseGrace);
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
        {
            // The receive loop gets the same failure and ends the connection.
        }
        catch (Exception exception) when (exception is TimeoutException or OrleansException)
        {
            GatewayLog.RealtimeSessionFailed(logger, conversationId, connection.ConnectionId, exception);
            await CloseAsync(WebSocketCloseStatus.InternalServerError, "the session is unavailable; reconnect to resume");
            await stop.CancelAsync();
        }
    }

    private async Task CloseAsync(WebSocketCloseStatus status, string description)
    {
        if (socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived)
            || Interlocked.Exchange(ref _closing, 1) == 1)
        {
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(CloseGrace);
            await socket.CloseOutputAsync(status, description, timeout.Token);
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
        {
            GatewayLog.RealtimeConnectionLost(logger, conversationId, connection.ConnectionId, exception.Message);
        }
    }

    private async Task DisconnectAsync()
    {
        try
        {
            await session.DisconnectAsync(connection.ConnectionId);
        }
        catch (Exception exception) when (exception is TimeoutException or OrleansException)
        {
            GatewayLog.RealtimeSessionFailed(logger, conversationId, connection.ConnectionId, exception);
        }
    }
}
