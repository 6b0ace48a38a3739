namespace VoiceHelper.Client;

/// <summary>Who wrote a message.</summary>
public enum MessageRole
{
    /// <summary>A role that this version of the SDK does not know.</summary>
    Unknown = 0,

    /// <summary>The person using the conversation.</summary>
    User = 1,

    /// <summary>VoiceHelper's answer.</summary>
    Assistant = 2,
}
