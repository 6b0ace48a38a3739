using VoiceHelper.Cli.Output;
using VoiceHelper.Client;

namespace VoiceHelper.Cli.Talk;

/// <summary>
/// Follows the events of one <c>vh talk</c>: the turns found in the recording, their transcripts and answers, and the
/// answer audio. It prints each turn as it is recognized and answered, and tells when every turn is answered.
/// </summary>
internal sealed class TalkTurns(Terminal terminal, bool json, bool serverVad)
{
    private const string CommitEmpty = "input_audio_buffer_commit_empty";

    private readonly List<TalkTurn> _turns = [];
    private readonly HashSet<string> _transcribing = [];
    private readonly MemoryStream _audio = new();
    private string? _speakingItem;
    private TalkTurn? _answering;
    private int _answersExpected;
    private int _answersStarted;
    private volatile bool _inputEnded;
    private volatile bool _commitSent;
    private bool _commitHandled;
    private bool _lineOpen;

    public IReadOnlyList<TalkTurn> Turns => _turns;

    /// <summary>The answer audio, 16-bit mono PCM at <see cref="AudioRate"/>.</summary>
    public ReadOnlyMemory<byte> Audio => _audio.GetBuffer().AsMemory(0, (int)_audio.Length);

    public int AudioRate { get; private set; } = AudioFormat.Default.SampleRate;

    /// <summary>
    /// Whether every turn of the recording has been transcribed and answered: the final commit was sent and handled,
    /// and no turn, transcription or answer is in progress.
    /// </summary>
    public bool IsComplete => _inputEnded && _commitSent && _commitHandled && _speakingItem is null
        && _transcribing.Count == 0 && _answering is null && _answersStarted >= _answersExpected;

    /// <summary>Records that the whole recording was sent; call it before sending the final commit.</summary>
    public void EndInput() => _inputEnded = true;

    /// <summary>Records that the final commit was sent.</summary>
    public void MarkCommitSent() => _commitSent = true;

    /// <summary>Applies one event, and returns true when the caller must ask for the answer with <c>response.create</c>.</summary>
    /// <exception cref="CommandFailedException">The session reported an error.</exception>
    public bool Apply(VoiceEvent voiceEvent)
    {
        switch (voiceEvent)
        {
            case SpeechStarted started:
                _speakingItem = started.ItemId;
                break;
            case SpeechStopped:
                _speakingItem = null;
                _commitHandled |= _inputEnded;
                break;
            case AudioCommitted committed:
                _transcribing.Add(committed.ItemId);
                _turns.Add(new TalkTurn(committed.ItemId));
                _commitHandled |= _inputEnded;
                break;
            case TranscriptionCompleted completed:
                return OnTranscribed(completed);
            case VoiceResponseCreated created:
                OnResponseCreated(created);
                break;
            case AnswerTextDelta delta:
                OnAnswerText(delta);
                break;
            case AnswerAudioDelta audio:
                AudioRate = audio.Format.SampleRate;
                _audio.Write(audio.Audio.Span);
                break;
            case VoiceResponseDone done:
                OnResponseDone(done);
                break;
            case SessionError { Error.Code: CommitEmpty } when _inputEnded:
                // The final commit found no speech in progress: server VAD had ended every turn already.
                _commitHandled = true;
                break;
            case SessionError error:
                throw new CommandFailedException(error.Error.IsServerError ? ExitCodes.Failure : ExitCodes.Rejected,
                    error.Error.Code,
                    $"The voice session reported an error: {ServerHints.Rewrite(error.Error.Code, error.Error.Message)}");
        }

        return false;
    }

    private bool OnTranscribed(TranscriptionCompleted completed)
    {
        _transcribing.Remove(completed.ItemId);
        var turn = _turns.Find(turn => turn.ItemId == completed.ItemId);
        if (turn is null)
        {
            return false;
        }

        turn.Transcript = completed.Transcript;
        if (completed.Transcript.Length == 0)
        {
            if (!json)
            {
                terminal.Error.WriteLine("vh: no words were recognized in a turn of the recording, so the session does not answer it.");
            }

            return false;
        }

        _answersExpected++;
        if (!json)
        {
            EndLine();
            terminal.Out.WriteLine($"> {completed.Transcript}");
        }

        // With server VAD the session answers each turn itself; without it the client asks.
        return !serverVad;
    }

    private void OnResponseCreated(VoiceResponseCreated created)
    {
        _answersStarted++;
        // The answer belongs to the latest recognized turn without one. A response that resumes an answer after a
        // false interruption has none left, and continues the last answered turn.
        _answering = _turns.LastOrDefault(turn => turn.Transcript is { Length: > 0 } && turn.ResponseId is null)
            ?? _turns.LastOrDefault(turn => turn.ResponseId is not null)
            ?? new TalkTurn(string.Empty);
        _answering.ResponseId = created.ResponseId;
    }

    private void OnAnswerText(AnswerTextDelta delta)
    {
        _answering?.Answer.Append(delta.Delta);
        if (!json)
        {
            terminal.Out.Write(delta.Delta);
            terminal.Out.Flush();
            _lineOpen = true;
        }
    }

    private void OnResponseDone(VoiceResponseDone done)
    {
        var turn = _answering;
        _answering = null;
        if (turn is null)
        {
            return;
        }

        turn.Status = done.Status;
        turn.TurnId = done.TurnId;
        turn.Sources = done.Sources;
        turn.ErrorMessage = done.Error?.Message;
        if (json)
        {
            return;
        }

        EndLine();
        if (done.Status == VoiceResponseStatus.Completed)
        {
            SourceText.Write(terminal.Out, done.Sources);
        }
        else
        {
            var reason = done.Error?.Message ?? done.Reason ?? "no reason given";
            terminal.Error.WriteLine($"vh: answer {done.Status.ToString().ToLowerInvariant()}: {reason}");
        }

        terminal.Out.WriteLine();
    }

    private void EndLine()
    {
        if (_lineOpen)
        {
            terminal.Out.WriteLine();
            _lineOpen = false;
        }
    }
}
