namespace VoiceHelper.Client;

/// <summary>A voice session's settings as the server reports them in <c>session.created</c> and <c>session.updated</c>.</summary>
/// <param name="InputFormat">The format of the audio that the client sends.</param>
/// <param name="OutputFormat">The format of the answer's audio.</param>
/// <param name="TurnDetection">Server VAD with every setting filled in, or <see cref="TurnDetection.None"/>.</param>
/// <param name="Voice">The voice that speaks answers.</param>
/// <param name="Instructions">The stored instructions; empty when none were set.</param>
public sealed record VoiceConfiguration(
    AudioFormat InputFormat, AudioFormat OutputFormat, TurnDetection TurnDetection, string Voice, string Instructions);
