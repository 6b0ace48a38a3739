namespace VoiceHelper.Client;

/// <summary>
/// An invalid request field: its proto field path, such as <c>top_k</c> or <c>metadata.file_name</c>, and why.
/// </summary>
public sealed record FieldViolation(string Field, string Description);
