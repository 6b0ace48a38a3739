namespace VoiceHelper.Gateway.Errors;

/// <summary>
/// A classified request failure: the HTTP status, the stable <see cref="Code"/>, a detail for people, the invalid
/// fields with what is wrong with each, and for an overloaded service how long to wait before retrying. REST writes
/// it as problem details with a <c>Retry-After</c> header, and gRPC as a status with a <c>google.rpc.RetryInfo</c>.
/// </summary>
public sealed record ApiFailure(
    int Status,
    string Code,
    string Detail,
    IReadOnlyDictionary<string, string[]>? Errors = null,
    TimeSpan? RetryAfter = null);
