using Grpc.Core;

namespace VoiceHelper.Client;

/// <summary>
/// The gateway rejected the request as invalid (gRPC status INVALID_ARGUMENT). <see
/// cref="VoiceHelperException.FieldViolations"/> names the invalid fields.
/// </summary>
public sealed class VoiceHelperValidationException(
    string message, StatusCode statusCode, string? errorCode, string? traceId,
    IReadOnlyList<FieldViolation> fieldViolations, bool isTransient, Exception? innerException)
    : VoiceHelperException(message, statusCode, errorCode, traceId, fieldViolations, isTransient, innerException);
