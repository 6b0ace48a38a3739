using System.Buffers.Binary;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace VoiceHelper.Bench.Voice;

/// <summary>
/// A <c>/v1/realtime</c> WebSocket of the voice benchmarks: JSON events out and in, one event per message, with the
/// codes of the <c>error</c> events it received.
/// </summary>
internal sealed class RealtimeBenchSocket : IAsyncDisposable
{
    private readonly ClientWebSocket _socket;
    private readonly byte[] _buffer;

    private RealtimeBenchSocket(ClientWebSocket socket, int bufferBytes)
    {
        _socket = socket;
        _buffer = new byte[bufferBytes];
    }

    /// <summary>The codes of the <c>error</c> events received so far.</summary>
    public List<string> Errors { get; } = [];

    /// <summary>
    /// Connects with the API key, waits for <c>session.created</c>, sends <paramref name="session"/> as the session of a
    /// <c>session.update</c> and waits for <c>session.updated</c>. <paramref name="bufferBytes"/> bounds one event.
    /// </summary>
    public static async Task<RealtimeBenchSocket> ConnectAsync(Uri gateway, string apiKey, string model,
        object session, int bufferBytes, CancellationToken cancellationToken)
    {
        var webSocket = new ClientWebSocket();
        webSocket.Options.SetRequestHeader("Authorization", "Bearer " + apiKey);
        var uri = new UriBuilder(gateway) { Scheme = "ws", Path = "/v1/realtime", Query = "model=" + Uri.EscapeDataString(model) }.Uri;
        await webSocket.ConnectAsync(uri, cancellationToken);
        var socket = new RealtimeBenchSocket(webSocket, bufferBytes);
        await socket.WaitForAsync("session.created", cancellationToken);
        await socket.SendAsync(new { type = "session.update", session }, cancellationToken);
        await socket.WaitForAsync("session.updated", cancellationToken);
        return socket;
    }

    /// <summary>Returns 16-bit little-endian PCM of the samples in base64, as <c>input_audio_buffer.append</c> takes it.</summary>
    public static string EncodePcm16(ReadOnlySpan<short> samples)
    {
        var bytes = new byte[samples.Length * 2];
        for (var i = 0; i < samples.Length; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(2 * i), samples[i]);
        }

        return Convert.ToBase64String(bytes);
    }

    /// <summary>Sends one client event. The caller sends one at a time.</summary>
    public Task SendAsync(object message, CancellationToken cancellationToken) =>
        _socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(message), WebSocketMessageType.Text, true, cancellationToken);

    /// <summary>Reads events until one of <paramref name="type"/> arrives.</summary>
    public async Task WaitForAsync(string type, CancellationToken cancellationToken)
    {
        while ((await ReceiveAsync(cancellationToken)).GetProperty("type").GetString() != type)
        {
        }
    }

    /// <summary>Returns the next server event.</summary>
    /// <exception cref="InvalidOperationException">The gateway closed the connection.</exception>
    public async Task<JsonElement> ReceiveAsync(CancellationToken cancellationToken)
    {
        var length = 0;
        while (true)
        {
            var result = await _socket.ReceiveAsync(_buffer.AsMemory(length), cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                throw new InvalidOperationException($"The gateway closed the realtime connection: {_socket.CloseStatusDescription}");
            }

            length += result.Count;
            if (result.EndOfMessage)
            {
                using var document = JsonDocument.Parse(Encoding.UTF8.GetString(_buffer, 0, length));
                var element = document.RootElement.Clone();
                if (element.GetProperty("type").GetString() == "error")
                {
                    Errors.Add(element.GetProperty("error").GetProperty("code").GetString() ?? "unknown");
                }

                return element;
            }
        }
    }

    /// <summary>Closes the connection, or aborts it when the close handshake fails or takes over 5 seconds.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token);
            }
            catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
            {
                _socket.Abort();
            }
        }

        _socket.Dispose();
    }
}
