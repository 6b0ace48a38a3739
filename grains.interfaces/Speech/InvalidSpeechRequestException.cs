namespace VoiceHelper.Grains.Speech;

/// <summary>A speech request with a value that the engine rejects, such as an unknown voice or an unsupported language.</summary>
[GenerateSerializer, Alias("VoiceHelper.InvalidSpeechRequestException")]
public sealed class InvalidSpeechRequestException(string message) : Exception(message);
