using System.Threading.Channels;
using VoiceHelper.Speech.Recognition;

namespace VoiceHelper.Grains.Voice;

/// <summary>
/// Recognizes one user turn while it is spoken. Audio goes into a channel, and a thread-pool task feeds it to the
/// recognizer's stream. This keeps the engine's CPU work off the grain's scheduler and has the transcript ready soon
/// after the turn ends.
/// </summary>
internal sealed class TurnRecognition
{
    private readonly Channel<short[]> _audio = Channel.CreateUnbounded<short[]>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });

    private readonly CancellationTokenSource _cancellation = new();
    private readonly Task<RecognitionResult> _result;

    public TurnRecognition(ISpeechRecognizer recognizer, RecognitionOptions options)
    {
        _result = Task.Run(() => RunAsync(recognizer, options, _cancellation.Token));
    }

    /// <summary>The 16 kHz samples written so far.</summary>
    public long Samples { get; private set; }

    public void Write(short[] samples)
    {
        if (samples.Length > 0 && _audio.Writer.TryWrite(samples))
        {
            Samples += samples.Length;
        }
    }

    /// <summary>Ends the turn's audio and returns the transcript.</summary>
    public Task<RecognitionResult> CompleteAsync()
    {
        _audio.Writer.TryComplete();
        return _result;
    }

    /// <summary>Drops the turn: the engine stops and its decoder returns to the pool.</summary>
    public void Abandon()
    {
        _audio.Writer.TryComplete();
        _cancellation.Cancel();
        // The cancellation ends the task with an exception that no caller awaits, so it is observed here.
        _ = _result.ContinueWith(task => task.Exception, TaskScheduler.Default);
    }

    private async Task<RecognitionResult> RunAsync(
        ISpeechRecognizer recognizer, RecognitionOptions options, CancellationToken cancellationToken)
    {
        await using var stream = await recognizer.StartStreamAsync(options, cancellationToken);
        await foreach (var chunk in _audio.Reader.ReadAllAsync(cancellationToken))
        {
            // NOTE: the partial transcript that WriteAsync returns is dropped, so clients get no
            // input_audio_transcription.delta events yet.
            await stream.WriteAsync(chunk, cancellationToken);
        }

        return await stream.CompleteAsync(cancellationToken);
    }
}
