using Grpc.Core;

namespace VoiceHelper.Client;

/// <summary>
/// The API key was missing, unknown or revoked (gRPC status UNAUTHENTICATED, codes <c>missing_api_key</c> and
/// <c>invalid_api_key</c>).
/// </summary>
public sealed class VoiceHelperAuthenticationException(
    string message, StatusCode statusCode, string? errorCode, string? traceId,
    IReadOnlyList<FieldViolation> fieldViolations, bool isTransient, Exception? innerException)
    : VoiceHelperException(message, statusCode, errorCode, traceId, fieldViolations, isTransient, innerException);
