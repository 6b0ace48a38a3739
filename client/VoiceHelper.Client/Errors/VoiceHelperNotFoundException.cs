using Grpc.Core;

namespace VoiceHelper.Client;

/// <summary>
/// The knowledge base, document, conversation, response or key does not exist, or belongs to another tenant (gRPC
/// status NOT_FOUND).
/// </summary>
public sealed class VoiceHelperNotFoundException(
    string message, StatusCode statusCode, string? errorCode, string? traceId,
    IReadOnlyList<FieldViolation> fieldViolations, bool isTransient, Exception? innerException)
    : VoiceHelperException(message, statusCode, errorCode, traceId, fieldViolations, isTransient, innerException);
