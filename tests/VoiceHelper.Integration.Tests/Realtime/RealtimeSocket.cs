using System.Buffers.Binary;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using VoiceHelper.Integration.Tests.Infrastructure;

namespace VoiceHelper.Integration.Tests.Realtime;

/// <summary>
/// A plain WebSocket client of <c>/v1/realtime</c> that sends raw events, including malformed ones that the official
/// clients cannot produce, and keeps every server event it receives.
/// </summary>
public sealed class RealtimeSocket : IAsyncDisposable
{
    /// <summary>The upper bound of one awaited step.</summary>
    public static readonly TimeSpan Step = TimeSpan.FromSeconds(60);

    private readonly ClientWebSocket _socket;
    private readonly List<JsonElement> _received = [];
    private readonly byte[] _buffer = new byte[1024 * 1024];

    private RealtimeSocket(ClientWebSocket socket) => _socket = socket;

    /// <summary>Every event received so far, in order.</summary>
    public IReadOnlyList<JsonElement> Received => _received;

    public WebSocketState State => _socket.State;

    /// <summary>
    /// Connects to the gateway's plain HTTP address with a bearer key and the given query, through
    /// <paramref name="invoker"/> when given.
    /// </summary>
    public static async Task<RealtimeSocket> ConnectAsync(
        ServiceFixture fixture, string apiKey, string query, Action<ClientWebSocketOptions>? configure = null,
        Uri? gateway = null, HttpMessageInvoker? invoker = null)
    {
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", "Bearer " + apiKey);
        configure?.Invoke(socket.Options);
        var uri = new UriBuilder(gateway ?? fixture.GatewayAddress) { Scheme = "ws", Path = "/v1/realtime", Query = query }.Uri;
        await socket.ConnectAsync(uri, invoker, CancellationToken.None).WaitAsync(Step);
        return new RealtimeSocket(socket);
    }

    public Task SendAsync(object message) => SendTextAsync(JsonSerializer.Serialize(message));

    public Task SendTextAsync(string text) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None).WaitAsync(Step);

    /// <summary>Sends one <c>input_audio_buffer.append</c> with the samples as 16-bit little-endian PCM.</summary>
    public Task AppendAsync(ReadOnlySpan<short> samples)
    {
        var bytes = new byte[samples.Length * 2];
        for (var i = 0; i < samples.Length; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(2 * i), samples[i]);
        }

        return SendAsync(new { type = "input_audio_buffer.append", audio = Convert.ToBase64String(bytes) });
    }

    /// <summary>
    /// Streams 16 kHz samples in 20 ms appends at real-time pace, as a microphone would, then
    /// <paramref name="silenceMs"/> of silence.
    /// </summary>
    public async Task StreamAsync(short[] samples, int silenceMs = 1000)
    {
        const int ChunkSamples = 320;
        var audio = samples.Concat(new short[silenceMs * 16]).ToArray();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var offset = 0; offset < audio.Length; offset += ChunkSamples)
        {
            await AppendAsync(audio.AsSpan(offset, Math.Min(ChunkSamples, audio.Length - offset)));
            var due = TimeSpan.FromMilliseconds((offset / ChunkSamples + 1) * 20);
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed);
            }
        }
    }

    /// <summary>Receives events until one matches, and returns it.</summary>
    public async Task<JsonElement> WaitForAsync(Func<JsonElement, bool> match, string what, TimeSpan? timeout = null)
    {
        using var cancellation = new CancellationTokenSource(timeout ?? Step);
        while (true)
        {
            JsonElement next;
            try
            {
                next = await ReceiveAsync(cancellation.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"No {what} within {timeout ?? Step}. Received: {string.Join(", ", Types())}");
            }

            if (match(next))
            {
                return next;
            }
        }
    }

    /// <summary>Receives events until one of type <paramref name="type"/> arrives.</summary>
    public Task<JsonElement> WaitForTypeAsync(string type, TimeSpan? timeout = null) =>
        WaitForAsync(element => TypeOf(element) == type, type, timeout);

    /// <summary>Receives events until an <c>error</c> with <paramref name="code"/> arrives.</summary>
    public Task<JsonElement> WaitForErrorAsync(string code) =>
        WaitForAsync(element => TypeOf(element) == "error" && element.GetProperty("error").GetProperty("code").GetString() == code,
            $"error {code}");

    /// <summary>The types of the events received so far.</summary>
    public IEnumerable<string> Types() => _received.Select(TypeOf);

    public static string TypeOf(JsonElement element) => element.GetProperty("type").GetString()!;

    /// <summary>Closes the connection without a close handshake, as a client that vanished would.</summary>
    public void Abort() => _socket.Abort();

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

    private async Task<JsonElement> ReceiveAsync(CancellationToken cancellationToken)
    {
        var length = 0;
        while (true)
        {
            var result = await _socket.ReceiveAsync(_buffer.AsMemory(length), cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                throw new WebSocketException(
                    $"The server closed the connection: {_socket.CloseStatus} {_socket.CloseStatusDescription}. " +
                    $"Received: {string.Join(", ", Types())}");
            }

            length += result.Count;
            if (result.EndOfMessage)
            {
                var element = JsonDocument.Parse(_buffer.AsMemory(0, length)).RootElement.Clone();
                _received.Add(element);
                return element;
            }
        }
    }
}
