using Grpc.Core;

namespace VoiceHelper.Client;

/// <summary>
/// The gateway could not be reached, the connection broke, or the cluster or its storage was unavailable (gRPC status
/// UNAVAILABLE). The call may succeed later.
/// </summary>
public sealed class VoiceHelperUnavailableException(
    string message, StatusCode statusCode, string? errorCode, string? traceId,
    IReadOnlyList<FieldViolation> fieldViolations, bool isTransient, Exception? innerException)
    : VoiceHelperException(message, statusCode, errorCode, traceId, fieldViolations, isTransient, innerException);
