namespace VoiceHelper.Speech;

/// <summary>
/// A speech engine failed or cannot serve the request. <see cref="IsTransient"/> tells whether the same request
/// can succeed later (a busy pool, a remote server that is down or overloaded) or will fail the same way (a
/// rejected request, a missing library or model).
/// </summary>
public sealed class SpeechEngineException(string message, bool isTransient, Exception? innerException = null)
    : Exception(message, innerException)
{
    /// <summary>Whether a retry of the same request can succeed.</summary>
    public bool IsTransient { get; } = isTransient;
}
