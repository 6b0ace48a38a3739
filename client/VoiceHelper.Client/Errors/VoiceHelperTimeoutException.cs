using Grpc.Core;

namespace VoiceHelper.Client;

/// <summary>
/// The call's deadline passed, or a call inside the cluster timed out (gRPC status DEADLINE_EXCEEDED). The outcome is
/// unknown: read the state before repeating a change.
/// </summary>
public sealed class VoiceHelperTimeoutException(
    string message, StatusCode statusCode, string? errorCode, string? traceId,
    IReadOnlyList<FieldViolation> fieldViolations, bool isTransient, Exception? innerException)
    : VoiceHelperException(message, statusCode, errorCode, traceId, fieldViolations, isTransient, innerException);
