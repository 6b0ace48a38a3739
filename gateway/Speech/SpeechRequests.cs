namespace VoiceHelper.Gateway.Speech;

/// <summary>The body of <c>POST /api/v1/speech/synthesis</c>.</summary>
public sealed record SynthesisBody(string? Text, string? Voice, string? Language, float? Speed, string? Format, int? SampleRate);

/// <summary>The body of <c>POST /v1/audio/speech</c>, in OpenAI's shape.</summary>
public sealed record OpenAISpeechBody(string? Model, string? Input, string? Voice, string? ResponseFormat, float? Speed);

/// <summary>A transcript as the REST API returns it.</summary>
public sealed record TranscriptionResponse(string Text, string? Language, double DurationSeconds, string Engine);
