namespace VoiceHelper.Grains.Voice;

/// <summary>
/// A call named a connection that a newer connection replaced, or that the session closed because its client fell
/// too far behind. The client can connect again and resume.
/// </summary>
[GenerateSerializer, Alias("VoiceHelper.VoiceConnectionClosedException")]
public sealed class VoiceConnectionClosedException(string message) : Exception(message);
