namespace VoiceHelper.Client;

/// <summary>How a user message reached the conversation. An assistant message has the modality of the message it answers.</summary>
public enum Modality
{
    /// <summary>A modality that this version of the SDK does not know.</summary>
    Unknown = 0,

    /// <summary>Typed text.</summary>
    Text = 1,

    /// <summary>A transcript of speech.</summary>
    Voice = 2,
}
