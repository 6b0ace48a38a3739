using Grpc.Core;

namespace VoiceHelper.Client;

/// <summary>
/// A failed VoiceHelper call. <see cref="ErrorCode"/> is the stable code that the gateway sends (the same as in the
/// REST API's problem details), or null when the failure happened before the gateway answered, such as a refused
/// connection. Subclasses name the common kinds of failure; other statuses arrive as this type.
/// </summary>
public class VoiceHelperException : Exception
{
    /// <summary>Creates an exception for a failed call.</summary>
    public VoiceHelperException(string message, StatusCode statusCode, string? errorCode, string? traceId,
        IReadOnlyList<FieldViolation> fieldViolations, bool isTransient, Exception? innerException)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        ErrorCode = errorCode;
        TraceId = traceId;
        FieldViolations = fieldViolations;
        IsTransient = isTransient;
    }

    /// <summary>The gRPC status of the call.</summary>
    public StatusCode StatusCode { get; }

    /// <summary>
    /// The gateway's stable error code, such as <c>knowledge_base_not_found</c> (see <see cref="ErrorCodes"/>), or
    /// null when the gateway sent none.
    /// </summary>
    public string? ErrorCode { get; }

    /// <summary>
    /// The id under which the gateway logged a server error, to quote when reporting it; null when absent.
    /// </summary>
    public string? TraceId { get; }

    /// <summary>
    /// The invalid request fields that the gateway named, by their proto field paths such as <c>top_k</c>.
    /// </summary>
    public IReadOnlyList<FieldViolation> FieldViolations { get; }

    /// <summary>
    /// Whether the same call may succeed later without a change, such as after a lost connection or while the
    /// cluster restarts. The client has already retried calls that are safe to repeat.
    /// </summary>
    public bool IsTransient { get; }
}
