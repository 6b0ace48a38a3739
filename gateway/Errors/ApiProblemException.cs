namespace VoiceHelper.Gateway.Errors;

/// <summary>
/// A request failure that the gateway returns as an RFC 9457 problem with a stable <see cref="Code"/>.
/// <see cref="Errors"/> names each invalid field with what is wrong with it.
/// </summary>
public sealed class ApiProblemException(
    int status, string code, string detail, IReadOnlyDictionary<string, string[]>? errors = null)
    : Exception(detail)
{
    public int Status { get; } = status;

    public string Code { get; } = code;

    public IReadOnlyDictionary<string, string[]>? Errors { get; } = errors;

    /// <summary>A 400 problem for one invalid field, query parameter or route value.</summary>
    public static ApiProblemException InvalidField(string field, string message) =>
        new(StatusCodes.Status400BadRequest, ProblemCodes.ValidationFailed, message,
            new Dictionary<string, string[]> { [field] = [message] });
}
