namespace VoiceHelper.Grains.Voice;

/// <summary>
/// One realtime response: an assistant item that speaks an answer from <see cref="BaseMs"/> of the answer's audio
/// on. Positions of the item's own audio count from 0, as clients count them in <c>audio_end_ms</c>.
/// </summary>
internal sealed class VoiceResponse(string responseId, string itemId, SpokenAnswer answer, long baseMs, TimeProvider time)
{
    public string ResponseId { get; } = responseId;

    public string ItemId { get; } = itemId;

    public SpokenAnswer Answer { get; } = answer;

    /// <summary>Where the item starts on the answer's timeline, in milliseconds.</summary>
    public long BaseMs { get; } = baseMs;

    public PlaybackClock Clock { get; } = new(time);

    /// <summary>The end of the item's audio emitted so far.</summary>
    public long EmittedMs { get; set; }

    /// <summary>How many sentences have had their transcript delta emitted.</summary>
    public int TranscribedSentences { get; set; }

    /// <summary>The transcript emitted so far.</summary>
    public List<string> Transcript { get; } = [];

    /// <summary>Whether speech paused the audio until the interruption is decided.</summary>
    public bool Paused { get; set; }

    /// <summary>Whether <c>response.done</c> was emitted.</summary>
    public bool Ended { get; set; }

    public bool Cancelled { get; set; }

    /// <summary>Audio deltas up to this sequence are dropped unsent: they were queued before playback stopped.</summary>
    public long VoidUpTo { get; set; }

    /// <summary>Whether speech interrupted the response and the session has not settled the interruption yet.</summary>
    public bool InterruptionPending { get; set; }

    /// <summary>Where the client reported that it stopped playing, from <c>conversation.item.truncate</c>.</summary>
    public long? ClientAudioEndMs { get; set; }

    /// <summary>Whether the client may still be playing its audio.</summary>
    public bool IsPlaying => !Cancelled && (!Ended || Clock.Played() < EmittedMs);

    /// <summary>The answer's position of the item's <paramref name="itemMs"/>.</summary>
    public long ToAnswerMs(long itemMs) => BaseMs + itemMs;
}
