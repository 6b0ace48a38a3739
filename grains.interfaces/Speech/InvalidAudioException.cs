namespace VoiceHelper.Grains.Speech;

/// <summary>
/// Uploaded audio that cannot be used: damaged, too long, or (<see cref="IsUnsupported"/>) in a format that the
/// decoders do not read. Sending the same bytes again fails the same way.
/// </summary>
[GenerateSerializer, Alias("VoiceHelper.InvalidAudioException")]
public sealed class InvalidAudioException(string message, bool isUnsupported) : Exception(message)
{
    /// <summary>Whether the audio is valid but in an unsupported format or encoding.</summary>
    [Id(0)]
    public bool IsUnsupported { get; } = isUnsupported;
}
