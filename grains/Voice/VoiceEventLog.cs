namespace VoiceHelper.Grains.Voice;

/// <summary>
/// The numbered events of a voice session. Events wait here until the connection's reader takes them; read events
/// stay for clients that reconnect until they exceed the retained bytes. Not thread-safe: the grain owns it.
/// </summary>
internal sealed class VoiceEventLog(int retainedBytes)
{
    private readonly List<VoiceEvent> _events = [];
    private TaskCompletionSource _changed = NewSignal();
    private long _retainedBytes;
    private long _readerStartedAt;

    /// <summary>The sequence of the newest event, 0 before the first.</summary>
    public long LastSequence { get; private set; }

    /// <summary>The newest sequence that the reader took.</summary>
    public long Delivered { get; private set; }

    /// <summary>
    /// Events appended since the reader started and not yet taken by it. Older events that a resuming reader still
    /// has to take are already held, so they do not count.
    /// </summary>
    public int PendingCount => (int)(LastSequence - Math.Max(Delivered, _readerStartedAt));

    /// <summary>Completes at the next append or <see cref="Wake"/>.</summary>
    public Task Changed => _changed.Task;

    /// <summary>Numbers the event, stores it and wakes the reader.</summary>
    public VoiceEvent Append(VoiceEvent draft)
    {
        var numbered = draft with { Sequence = ++LastSequence };
        _events.Add(numbered);
        _retainedBytes += SizeOf(numbered);
        Wake();
        return numbered;
    }

    /// <summary>Whether the events after <paramref name="sequence"/> are all still held.</summary>
    public bool HoldsAfter(long sequence) =>
        sequence >= 0 && sequence <= LastSequence && (_events.Count == 0 ? sequence == LastSequence : sequence >= _events[0].Sequence - 1);

    /// <summary>Returns up to <paramref name="limit"/> events after <paramref name="sequence"/>, oldest first.</summary>
    public IReadOnlyList<VoiceEvent> After(long sequence, int limit)
    {
        if (_events.Count == 0 || sequence >= LastSequence)
        {
            return [];
        }

        var start = (int)Math.Max(0, sequence + 1 - _events[0].Sequence);
        return _events.GetRange(start, Math.Min(limit, _events.Count - start));
    }

    /// <summary>Records that the reader took the events up to <paramref name="sequence"/> and drops old read events.</summary>
    public void MarkDelivered(long sequence)
    {
        Delivered = Math.Max(Delivered, Math.Min(sequence, LastSequence));
        var drop = 0;
        while (drop < _events.Count && _retainedBytes > retainedBytes && _events[drop].Sequence <= Delivered)
        {
            _retainedBytes -= SizeOf(_events[drop]);
            drop++;
        }

        _events.RemoveRange(0, drop);
    }

    /// <summary>Sets where a new reader starts, as if it had taken everything up to <paramref name="sequence"/>.</summary>
    public void ResetDelivered(long sequence)
    {
        Delivered = Math.Min(sequence, LastSequence);
        _readerStartedAt = LastSequence;
    }

    /// <summary>Wakes waiting readers without an event, so they notice a closed connection.</summary>
    public void Wake()
    {
        var changed = _changed;
        _changed = NewSignal();
        changed.TrySetResult();
    }

    private static long SizeOf(VoiceEvent voiceEvent) =>
        256 + (voiceEvent.Audio?.Length ?? 0) * 4 / 3 + (voiceEvent.Text?.Length ?? 0) * 2;

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
