namespace VoiceHelper.Speech.Recognition;

/// <summary>The transcript of one utterance.</summary>
/// <param name="Text">The recognized words, space-separated, or empty when none were recognized.</param>
/// <param name="AudioDuration">The length of the audio that was recognized.</param>
/// <param name="Engine">The engine that recognized it, as <see cref="ISpeechRecognizer.Name"/>.</param>
/// <param name="Language">The language of the transcript as a BCP 47 tag, when the engine reports it.</param>
public sealed record RecognitionResult(string Text, TimeSpan AudioDuration, string Engine, string? Language);
