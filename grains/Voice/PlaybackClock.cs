namespace VoiceHelper.Grains.Voice;

/// <summary>
/// Estimates how far a client has played an item's audio, in milliseconds of that audio, assuming it plays each
/// chunk as soon as it arrives and at normal speed. Audio counts from the moment the session hands it to the
/// gateway; a client that ran dry starts again from the next chunk's arrival.
/// </summary>
internal sealed class PlaybackClock(TimeProvider time)
{
    private long _anchorMs;
    private long _anchorTicks;
    private bool _started;

    /// <summary>The end of the audio handed to the client so far.</summary>
    public long DeliveredMs { get; private set; }

    /// <summary>Records that the audio up to <paramref name="endMs"/> was handed to the client now.</summary>
    public void Deliver(long endMs)
    {
        var now = time.GetTimestamp();
        if (!_started || Played(now) >= DeliveredMs)
        {
            _anchorMs = DeliveredMs;
            _anchorTicks = now;
            _started = true;
        }

        DeliveredMs = Math.Max(DeliveredMs, endMs);
    }

    /// <summary>The estimated playback position now.</summary>
    public long Played() => Played(time.GetTimestamp());

    /// <summary>
    /// Restarts the estimate at <paramref name="positionMs"/>, for audio sent again from there after the client
    /// stopped playing (it clears its buffer when speech starts).
    /// </summary>
    public void Restart(long positionMs)
    {
        DeliveredMs = positionMs;
        _started = false;
    }

    private long Played(long now)
    {
        if (!_started)
        {
            return DeliveredMs;
        }

        var elapsed = (long)time.GetElapsedTime(_anchorTicks, now).TotalMilliseconds;
        return Math.Min(DeliveredMs, _anchorMs + elapsed);
    }
}
