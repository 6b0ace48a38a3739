using Grpc.Core;

namespace VoiceHelper.Client;

/// <summary>
/// The gateway could not be reached, the connection or its TLS handshake failed, or the cluster or its storage was
/// unavailable. The gRPC status is UNAVAILABLE, or INTERNAL for some connection failures. Unless
/// <see cref="VoiceHelperException.IsTransient"/> is false, as for a rejected certificate, the call may succeed later.
/// </summary>
public sealed class VoiceHelperUnavailableException(
    string message, StatusCode statusCode, string? errorCode, string? traceId,
    IReadOnlyList<FieldViolation> fieldViolations, bool isTransient, Exception? innerException)
    : VoiceHelperException(message, statusCode, errorCode, traceId, fieldViolations, isTransient, innerException);
