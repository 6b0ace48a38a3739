using System.Threading.Channels;
using VoiceHelper.Speech.Recognition;

namespace VoiceHelper.Grains.Voice;

/// <summary>
/// Recognizes one user turn while it is spoken. Audio goes into a channel, and a thread-pool task feeds it to the
/// recognizer's stream. This keeps the engine's CPU work off the grain's scheduler and has the transcript ready soon
/// after the turn ends. The engine's partial transcripts come out through <see cref="Partials"/>.
/// </summary>
internal sealed class TurnRecognition
{
    private readonly Channel<short[]> _audio = Channel.CreateUnbounded<short[]>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });

    // Each partial is the whole text so far, so a reader that falls behind needs only the newest one.
    private readonly Channel<string> _partials = Channel.CreateBounded<string>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true, SingleWriter = true });

    private readonly CancellationTokenSource _cancellation = new();
    private readonly Task<RecognitionResult> _result;

    public TurnRecognition(ISpeechRecognizer recognizer, RecognitionOptions options)
    {
        _result = Task.Run(() => RunAsync(recognizer, options, _cancellation.Token));
    }

    /// <summary>
    /// The partial transcripts, each the whole text so far. The channel completes when recognition ends, before
    /// <see cref="CompleteAsync"/>'s task does, and holds only the newest partial that the reader has not taken.
    /// </summary>
    public ChannelReader<string> Partials => _partials.Reader;

    /// <summary>Whether <see cref="Abandon"/> dropped the turn.</summary>
    public bool IsAbandoned { get; private set; }

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
        IsAbandoned = true;
        _audio.Writer.TryComplete();
        _cancellation.Cancel();
        // The cancellation ends the task with an exception that no caller awaits, so it is observed here.
        _ = _result.ContinueWith(task => task.Exception, TaskScheduler.Default);
    }

    private async Task<RecognitionResult> RunAsync(
        ISpeechRecognizer recognizer, RecognitionOptions options, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = await recognizer.StartStreamAsync(options, cancellationToken);
            await foreach (var chunk in _audio.Reader.ReadAllAsync(cancellationToken))
            {
                if (await stream.WriteAsync(chunk, cancellationToken) is { } partial)
                {
                    _partials.Writer.TryWrite(partial);
                }
            }

            return await stream.CompleteAsync(cancellationToken);
        }
        finally
        {
            _partials.Writer.TryComplete();
        }
    }
}
