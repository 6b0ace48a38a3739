namespace VoiceHelper.Gateway.OpenAI;

/// <summary>The body of an OpenAI-style error response.</summary>
public sealed record OpenAIErrorBody(OpenAIError Error);

/// <summary>An OpenAI-style error: a message for people, its type, the request field at fault, and a stable code.</summary>
public sealed record OpenAIError(string Message, string Type, string? Param, string Code);
