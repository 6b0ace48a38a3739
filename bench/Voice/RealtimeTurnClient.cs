using System.Buffers.Binary;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
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

    private readonly ClientWebSocket _socket;
    private readonly byte[] _buffer = new byte[4 * 1024 * 1024];

    private RealtimeTurnClient(ClientWebSocket socket) => _socket = socket;

    /// <summary>Connects, waits for <c>session.created</c> and sets 16 kHz PCM input.</summary>
    public static async Task<RealtimeTurnClient> ConnectAsync(
        Uri gateway, string apiKey, string model, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", "Bearer " + apiKey);
        var uri = new UriBuilder(gateway) { Scheme = "ws", Path = "/v1/realtime", Query = "model=" + Uri.EscapeDataString(model) }.Uri;
        await socket.ConnectAsync(uri, cancellationToken);
        var client = new RealtimeTurnClient(socket);
        await client.WaitForAsync("session.created", cancellationToken);
        await client.SendAsync(new
        {
            type = "session.update",
            session = new { type = "realtime", audio = new { input = new { format = new { type = "audio/pcm", rate = 16_000 } } } },
        }, cancellationToken);
        await client.WaitForAsync("session.updated", cancellationToken);
        return client;
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
            await SendAsync(new { type = "input_audio_buffer.append", audio = Encode(samples.AsSpan(offset, Math.Min(ChunkSamples, samples.Length - offset))) }, cancellationToken);
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

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token);
        }

        _socket.Dispose();
    }

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

    private async Task WaitForAsync(string type, CancellationToken cancellationToken)
    {
        while ((await ReceiveAsync(cancellationToken)).GetProperty("type").GetString() != type)
        {
        }
    }

    // One send at a time: the silence and the cancel never overlap, because the silence stops first.
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
                return document.RootElement.Clone();
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
