namespace VoiceHelper.Client;

/// <summary>How far a message got. User messages are always <see cref="Completed"/>.</summary>
public enum MessageStatus
{
    /// <summary>A status that this version of the SDK does not know.</summary>
    Unknown = 0,

    /// <summary>The answer is still being generated; its text is empty until it ends.</summary>
    Streaming = 1,

    /// <summary>The message is complete.</summary>
    Completed = 2,

    /// <summary>Stopped by a client or by a newer message; the text is what was produced until then.</summary>
    Cancelled = 3,

    /// <summary>Answering failed; <see cref="Message.ErrorMessage"/> contains the reason.</summary>
    Failed = 4,
}
