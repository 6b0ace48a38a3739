using System.Buffers.Binary;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace VoiceHelper.Bench.Voice;

/// <summary>
/// One <c>/v1/realtime</c> session that streams a recording at real-time pace with server VAD and no responses, and
/// measures how late <c>input_audio_buffer.speech_stopped</c> arrives.
/// </summary>
internal sealed class TurnDetectionSession : IAsyncDisposable
{
    /// <summary>The silence after speech that ends a turn, as the session is configured.</summary>
    public const int SilenceDurationMs = 500;

    private const int ChunkSamples = 320;
    private const int ChunkMs = 20;

    private readonly ClientWebSocket _socket;
    private readonly byte[] _buffer = new byte[1024 * 1024];

    private TurnDetectionSession(ClientWebSocket socket) => _socket = socket;

    /// <summary>Connects and sets 16 kHz PCM input with server VAD that commits turns without creating responses.</summary>
    public static async Task<TurnDetectionSession> ConnectAsync(
        Uri gateway, string apiKey, string model, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", "Bearer " + apiKey);
        var uri = new UriBuilder(gateway) { Scheme = "ws", Path = "/v1/realtime", Query = "model=" + Uri.EscapeDataString(model) }.Uri;
        await socket.ConnectAsync(uri, cancellationToken);
        var session = new TurnDetectionSession(socket);
        await session.WaitForAsync("session.created", cancellationToken);
        await session.SendAsync(new
        {
            type = "session.update",
            session = new
            {
                type = "realtime",
                audio = new
                {
                    input = new
                    {
                        format = new { type = "audio/pcm", rate = 16_000 },
                        turn_detection = new { type = "server_vad", silence_duration_ms = SilenceDurationMs, create_response = false },
                    },
                },
            },
        }, cancellationToken);
        await session.WaitForAsync("session.updated", cancellationToken);
        return session;
    }

    /// <summary>
    /// Streams the samples and then silence in 20 ms appends at real-time pace until <c>speech_stopped</c> arrives,
    /// then waits for the turn's transcript. Returns the milliseconds between sending the audio that completed the
    /// silence after the speech, which is the earliest moment the server can end the turn, and receiving
    /// <c>speech_stopped</c>, and the milliseconds from <c>speech_stopped</c> to the completed transcript.
    /// </summary>
    public async Task<TurnLag> MeasureLagAsync(short[] samples, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var sentAt = new List<double>();
        using var stopSending = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var sending = StreamAsync(samples, clock, sentAt, stopSending.Token);
        var baseMs = ReceivedAudioMs;
        JsonElement stopped;
        do
        {
            stopped = await ReceiveAsync(cancellationToken);
        }
        while (stopped.GetProperty("type").GetString() != "input_audio_buffer.speech_stopped");

        var arrivedAt = clock.Elapsed.TotalMilliseconds;
        await stopSending.CancelAsync();
        await sending;
        var dueMs = stopped.GetProperty("audio_end_ms").GetInt64() + SilenceDurationMs - baseMs;
        var chunk = (int)Math.Clamp((dueMs + ChunkMs - 1) / ChunkMs - 1, 0, sentAt.Count - 1);
        ReceivedAudioMs += sentAt.Count * ChunkMs;
        await WaitForAsync("conversation.item.input_audio_transcription.completed", cancellationToken);
        return new TurnLag(arrivedAt - sentAt[chunk], clock.Elapsed.TotalMilliseconds - arrivedAt);
    }

    /// <summary>The codes of the <c>error</c> events received, such as <c>transcription_failed</c> when no decoder was free.</summary>
    public List<string> Errors { get; } = [];

    /// <summary>The audio this session has sent before the current turn, in milliseconds of the input stream.</summary>
    private long ReceivedAudioMs { get; set; }

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

    // Records when each chunk went out, so a sender that falls behind its pace does not count as server lag.
    private async Task StreamAsync(short[] samples, Stopwatch clock, List<double> sentAt, CancellationToken cancellationToken)
    {
        var silence = new short[ChunkSamples];
        for (var chunk = 0; !cancellationToken.IsCancellationRequested; chunk++)
        {
            var offset = chunk * ChunkSamples;
            var audio = offset < samples.Length ? samples.AsSpan(offset, Math.Min(ChunkSamples, samples.Length - offset)) : silence;
            // A cancelled WebSocket send aborts the socket, so the token only stops the wait between sends.
            await SendAsync(new { type = "input_audio_buffer.append", audio = Encode(audio) }, CancellationToken.None);
            sentAt.Add(clock.Elapsed.TotalMilliseconds);
            var due = TimeSpan.FromMilliseconds((chunk + 1) * ChunkMs) - clock.Elapsed;
            if (due > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(due, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task WaitForAsync(string type, CancellationToken cancellationToken)
    {
        while ((await ReceiveAsync(cancellationToken)).GetProperty("type").GetString() != type)
        {
        }
    }

    private Task SendAsync(object message, CancellationToken cancellationToken) =>
        _socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(message), WebSocketMessageType.Text, true, cancellationToken);

    private async Task<JsonElement> ReceiveAsync(CancellationToken cancellationToken)
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

    private static string Encode(ReadOnlySpan<short> samples)
    {
        var bytes = new byte[samples.Length * 2];
        for (var i = 0; i < samples.Length; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(2 * i), samples[i]);
        }

        return Convert.ToBase64String(bytes);
    }
}

/// <summary>How late one turn's <c>speech_stopped</c> and transcript arrived, in milliseconds.</summary>
internal sealed record TurnLag(double SpeechStoppedMs, double TranscriptMs);
