namespace VoiceHelper.Speech.Audio;

/// <summary>
/// Audio that cannot be decoded: a damaged or truncated file (<see cref="IsUnsupported"/> false), or a valid file in
/// a format or encoding that the decoders do not handle (<see cref="IsUnsupported"/> true). Retrying the same bytes
/// fails the same way.
/// </summary>
public sealed class AudioFormatException(string message, bool isUnsupported = false, Exception? innerException = null)
    : Exception(message, innerException)
{
    /// <summary>Whether the file is well formed but uses a format or encoding that is not supported.</summary>
    public bool IsUnsupported { get; } = isUnsupported;
}
