namespace VoiceHelper.Client;

/// <summary>How a spoken answer ended.</summary>
public enum VoiceResponseStatus
{
    /// <summary>The answer was spoken to its end.</summary>
    Completed,

    /// <summary>The answer was cancelled, by <c>response.cancel</c> or by the user speaking over it.</summary>
    Cancelled,

    /// <summary>The answer failed; <see cref="VoiceResponseDone.Error"/> says why.</summary>
    Failed,
}
