using System.Diagnostics;
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

    // Large enough for any event of a session that never answers.
    private const int EventBufferBytes = 1024 * 1024;

    private readonly RealtimeBenchSocket _socket;

    private TurnDetectionSession(RealtimeBenchSocket socket) => _socket = socket;

    /// <summary>Connects and sets 16 kHz PCM input with server VAD that commits turns without creating responses.</summary>
    public static async Task<TurnDetectionSession> ConnectAsync(
        Uri gateway, string apiKey, string model, CancellationToken cancellationToken)
    {
        var session = new
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
        };
        return new TurnDetectionSession(
            await RealtimeBenchSocket.ConnectAsync(gateway, apiKey, model, session, EventBufferBytes, cancellationToken));
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
    public List<string> Errors => _socket.Errors;

    /// <summary>The audio this session has sent before the current turn, in milliseconds of the input stream.</summary>
    private long ReceivedAudioMs { get; set; }

    public ValueTask DisposeAsync() => _socket.DisposeAsync();

    // Records when each chunk went out, so a sender that falls behind its pace does not count as server lag.
    private async Task StreamAsync(short[] samples, Stopwatch clock, List<double> sentAt, CancellationToken cancellationToken)
    {
        var silence = new short[ChunkSamples];
        for (var chunk = 0; !cancellationToken.IsCancellationRequested; chunk++)
        {
            var offset = chunk * ChunkSamples;
            var audio = offset < samples.Length ? samples.AsSpan(offset, Math.Min(ChunkSamples, samples.Length - offset)) : silence;
            // A cancelled WebSocket send aborts the socket, so the token only stops the wait between sends.
            await SendAsync(new { type = "input_audio_buffer.append", audio = RealtimeBenchSocket.EncodePcm16(audio) }, CancellationToken.None);
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

    private Task WaitForAsync(string type, CancellationToken cancellationToken) => _socket.WaitForAsync(type, cancellationToken);

    private Task SendAsync(object message, CancellationToken cancellationToken) => _socket.SendAsync(message, cancellationToken);

    private Task<JsonElement> ReceiveAsync(CancellationToken cancellationToken) => _socket.ReceiveAsync(cancellationToken);
}

/// <summary>How late one turn's <c>speech_stopped</c> and transcript arrived, in milliseconds.</summary>
internal sealed record TurnLag(double SpeechStoppedMs, double TranscriptMs);
