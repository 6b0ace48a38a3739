namespace VoiceHelper.Grains.Conversations;

/// <summary>
/// The events of one response of a conversation activation, in memory, so readers on any gateway can follow it
/// and resume after the last event they got. Only the activation's scheduler touches it, so it takes no locks.
/// </summary>
internal sealed class ResponseRun(Turn message, Turn reply, string? idempotencyKey)
{
    private readonly List<ResponseEvent> _events = [];
    private readonly CancellationTokenSource _cancellation = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Turn Message { get; } = message;

    /// <summary>The assistant turn as first stored, with status streaming.</summary>
    public Turn Reply { get; } = reply;

    public string? IdempotencyKey { get; } = idempotencyKey;

    /// <summary>The stored assistant turn once the response has ended, else null.</summary>
    public Turn? FinalTurn { get; private set; }

    public DateTimeOffset? EndedAt { get; private set; }

    /// <summary>The generation task; it ends after the final turn is stored.</summary>
    public Task Generation { get; set; } = Task.CompletedTask;

    public CancellationToken CancellationToken => _cancellation.Token;

    public bool IsCancellationRequested => _cancellation.IsCancellationRequested;

    public void Cancel() => _cancellation.Cancel();

    /// <summary>Appends an event with the next sequence number and wakes the waiting readers.</summary>
    public void Append(ResponseEventKind kind, string? delta = null,
        IReadOnlyList<Knowledge.AnswerCitation>? sources = null, Turn? turn = null)
    {
        _events.Add(new ResponseEvent(_events.Count + 1, kind, delta, sources, turn));
        if (kind == ResponseEventKind.Done)
        {
            FinalTurn = turn;
        }

        var changed = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        changed.SetResult();
    }

    public void MarkEnded(DateTimeOffset now) => EndedAt = now;

    /// <summary>Returns the events after <paramref name="sequence"/>, and a task that completes when more arrive.</summary>
    public (IReadOnlyList<ResponseEvent> Events, Task Changed) EventsAfter(long sequence)
    {
        var start = (int)Math.Clamp(sequence, 0, _events.Count);
        return (_events.GetRange(start, _events.Count - start), _changed.Task);
    }
}
