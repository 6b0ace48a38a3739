namespace VoiceHelper.Grains.Speech;

/// <summary>
/// A speech engine failed. <see cref="IsTransient"/> tells whether a retry can succeed (a busy decoder pool, a remote
/// server that is down) or whether an operator must fix the engine's installation or configuration.
/// </summary>
[GenerateSerializer, Alias("VoiceHelper.SpeechUnavailableException")]
public sealed class SpeechUnavailableException(string message, bool isTransient) : Exception(message)
{
    /// <summary>Whether the failure is temporary.</summary>
    [Id(0)]
    public bool IsTransient { get; } = isTransient;
}
