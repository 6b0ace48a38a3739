namespace VoiceHelper.Gateway.Errors;

/// <summary>
/// A classified request failure: the HTTP status, the stable <see cref="Code"/>, a detail for people, and the
/// invalid fields with what is wrong with each. REST writes it as problem details and gRPC as a status.
/// </summary>
public sealed record ApiFailure(int Status, string Code, string Detail, IReadOnlyDictionary<string, string[]>? Errors = null);
