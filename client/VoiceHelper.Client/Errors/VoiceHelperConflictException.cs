using Grpc.Core;

namespace VoiceHelper.Client;

/// <summary>
/// The request conflicts with the stored state: a name that is taken (ALREADY_EXISTS), a concurrent change (ABORTED)
/// or a missing precondition such as a conversation without a knowledge base (FAILED_PRECONDITION).
/// </summary>
public sealed class VoiceHelperConflictException(
    string message, StatusCode statusCode, string? errorCode, string? traceId,
    IReadOnlyList<FieldViolation> fieldViolations, bool isTransient, Exception? innerException)
    : VoiceHelperException(message, statusCode, errorCode, traceId, fieldViolations, isTransient, innerException);
