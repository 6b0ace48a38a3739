using Grpc.Core;

namespace VoiceHelper.Client;

/// <summary>
/// The API key may not make the call, such as key management with a key that is no administrator (gRPC status
/// PERMISSION_DENIED, code <c>forbidden</c>).
/// </summary>
public sealed class VoiceHelperPermissionException(
    string message, StatusCode statusCode, string? errorCode, string? traceId,
    IReadOnlyList<FieldViolation> fieldViolations, bool isTransient, Exception? innerException)
    : VoiceHelperException(message, statusCode, errorCode, traceId, fieldViolations, isTransient, innerException);
