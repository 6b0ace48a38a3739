using System.Diagnostics;
using System.Text.Json;

namespace VoiceHelper.Bench.Voice;

/// <summary>
/// One <c>/v1/realtime</c> connection that speaks a recording as a microphone would, 20 ms at a time at real-time
/// pace, and times the stages of the spoken answer.
/// </summary>
internal sealed class RealtimeTurnClient : IAsyncDisposable
{
    private const int ChunkSamples = 320;
    private static readonly TimeSpan ChunkDuration = TimeSpan.FromMilliseconds(20);
    private static readonly string SilenceChunk = Convert.ToBase64String(new byte[ChunkSamples * 2]);

    // Large enough for any event, audio deltas of a long answer sentence included.
    private const int EventBufferBytes = 4 * 1024 * 1024;

    private readonly RealtimeBenchSocket _socket;

    private RealtimeTurnClient(RealtimeBenchSocket socket) => _socket = socket;

    /// <summary>Connects, waits for <c>session.created</c> and sets 16 kHz PCM input.</summary>
    public static async Task<RealtimeTurnClient> ConnectAsync(
        Uri gateway, string apiKey, string model, CancellationToken cancellationToken)
    {
        var session = new { type = "realtime", audio = new { input = new { format = new { type = "audio/pcm", rate = 16_000 } } } };
        return new RealtimeTurnClient(
            await RealtimeBenchSocket.ConnectAsync(gateway, apiKey, model, session, EventBufferBytes, cancellationToken));
    }

    /// <summary>
    /// Connects a new session, asks for the greeting with <c>response.create</c>, and returns the milliseconds from
    /// the start of the connection to the greeting's first audio delta.
    /// </summary>
    public static async Task<double> MeasureGreetingAsync(
        Uri gateway, string apiKey, string model, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await using var client = await ConnectAsync(gateway, apiKey, model, cancellationToken);
        await client.SendAsync(new { type = "response.create" }, cancellationToken);
        await client.WaitForAsync("response.output_audio.delta", cancellationToken);
        var elapsed = clock.Elapsed.TotalMilliseconds;
        await client.SendAsync(new { type = "response.cancel" }, cancellationToken);
        await client.WaitForAsync("response.done", cancellationToken);
        return elapsed;
    }

    /// <summary>
    /// Streams the samples, then silence until the answer's first audio arrives, then cancels the answer and waits
    /// for <c>response.done</c>, so that the next turn starts without an answer playing.
    /// </summary>
    public async Task<VoiceTurnTiming> SpeakAsync(short[] samples, CancellationToken cancellationToken)
    {
        var pace = Stopwatch.StartNew();
        var chunks = 0;
        for (var offset = 0; offset < samples.Length; offset += ChunkSamples)
        {
            await SendAsync(new { type = "input_audio_buffer.append", audio = RealtimeBenchSocket.EncodePcm16(samples.AsSpan(offset, Math.Min(ChunkSamples, samples.Length - offset))) }, cancellationToken);
            await KeepPaceAsync(pace, ++chunks, cancellationToken);
        }

        var endOfSpeech = Stopwatch.StartNew();
        using var stopSilence = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var silence = SendSilenceAsync(pace, chunks, stopSilence.Token);
        double? committed = null, transcribed = null, firstText = null;
        var transcript = string.Empty;
        while (true)
        {
            var message = await ReceiveAsync(cancellationToken);
            var type = message.GetProperty("type").GetString();
            var now = endOfSpeech.Elapsed.TotalMilliseconds;
            switch (type)
            {
                case "input_audio_buffer.committed":
                    committed ??= now;
                    break;
                case "conversation.item.input_audio_transcription.completed":
                    transcribed ??= now;
                    transcript = message.GetProperty("transcript").GetString() ?? string.Empty;
                    break;
                case "response.output_audio_transcript.delta":
                    firstText ??= now;
                    break;
                case "response.output_audio.delta":
                    await stopSilence.CancelAsync();
                    await silence;
                    await SendAsync(new { type = "response.cancel" }, cancellationToken);
                    await WaitForAsync("response.done", cancellationToken);
                    return new VoiceTurnTiming(committed ?? now, transcribed ?? now, firstText ?? now, now, transcript);
                case "error":
                    throw new InvalidOperationException($"The session sent an error: {message}");
            }
        }
    }

    public ValueTask DisposeAsync() => _socket.DisposeAsync();

    private async Task SendSilenceAsync(Stopwatch pace, int chunks, CancellationToken cancellationToken)
    {
        try
        {
            // A cancelled WebSocket send aborts the socket, so the token only stops the wait between sends.
            while (!cancellationToken.IsCancellationRequested)
            {
                await SendAsync(new { type = "input_audio_buffer.append", audio = SilenceChunk }, CancellationToken.None);
                await KeepPaceAsync(pace, ++chunks, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The answer arrived.
        }
    }

    private static Task KeepPaceAsync(Stopwatch pace, int chunks, CancellationToken cancellationToken)
    {
        var due = ChunkDuration * chunks - pace.Elapsed;
        return due > TimeSpan.Zero ? Task.Delay(due, cancellationToken) : Task.CompletedTask;
    }

    private Task WaitForAsync(string type, CancellationToken cancellationToken) => _socket.WaitForAsync(type, cancellationToken);

    // One send at a time: the silence and the cancel never overlap, because the silence stops first.
    private Task SendAsync(object message, CancellationToken cancellationToken) => _socket.SendAsync(message, cancellationToken);

    private Task<JsonElement> ReceiveAsync(CancellationToken cancellationToken) => _socket.ReceiveAsync(cancellationToken);
}
