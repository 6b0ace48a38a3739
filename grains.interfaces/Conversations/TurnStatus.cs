namespace VoiceHelper.Grains.Conversations;

/// <summary>How far a turn got. User turns are always <see cref="Completed"/>.</summary>
[GenerateSerializer, Alias("VoiceHelper.TurnStatus")]
public enum TurnStatus
{
    /// <summary>The assistant is still generating the answer.</summary>
    Streaming = 0,

    Completed = 1,

    /// <summary>
    /// Stopped by the client or by a newer message; the text is what was produced until then, or for an interrupted
    /// spoken answer what the user heard.
    /// </summary>
    Cancelled = 2,

    /// <summary>Generation failed or its silo stopped; <see cref="Turn.Error"/> says why.</summary>
    Failed = 3,
}
