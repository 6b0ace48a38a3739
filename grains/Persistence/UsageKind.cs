namespace VoiceHelper.Grains.Persistence;

/// <summary>The kind of a row in <c>usage_events</c>, stored as its lower-case name.</summary>
internal enum UsageKind
{
    /// <summary>A stored user turn.</summary>
    Message,

    /// <summary>A finished assistant turn.</summary>
    Answer,

    /// <summary>Recognized or synthesized audio.</summary>
    Speech,
}
