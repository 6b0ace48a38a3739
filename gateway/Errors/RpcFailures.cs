using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;

namespace VoiceHelper.Gateway.Errors;

/// <summary>
/// Turns classified failures into gRPC statuses that carry the same stable code as the REST problem details: in
/// the trailer <see cref="ErrorCodeTrailer"/>, and in the rich status (<c>grpc-status-details-bin</c>) as a
/// <c>google.rpc.ErrorInfo</c> whose reason is the code, with a <c>google.rpc.BadRequest</c> for invalid fields and a
/// <c>google.rpc.RetryInfo</c> when the failure carries a retry delay.
/// </summary>
public static class RpcFailures
{
    /// <summary>The trailer with the stable error code, for clients that do not read rich statuses.</summary>
    public const string ErrorCodeTrailer = "voicehelper-error-code";

    /// <summary>The <c>domain</c> of the <c>google.rpc.ErrorInfo</c> detail.</summary>
    public const string ErrorDomain = "voicehelper";

    /// <summary>Returns the gRPC status code for a failure, chosen by its code first and its HTTP status second.</summary>
    public static StatusCode ToStatusCode(ApiFailure failure) => failure.Code switch
    {
        ProblemCodes.KnowledgeBaseNameTaken or ProblemCodes.ConversationExists => StatusCode.AlreadyExists,
        ProblemCodes.Conflict => StatusCode.Aborted,
        ProblemCodes.KnowledgeBaseRequired => StatusCode.FailedPrecondition,
        ProblemCodes.IdempotencyKeyReused => StatusCode.InvalidArgument,
        _ => failure.Status switch
        {
            // 413 and 415 are properties of the request itself, which gRPC calls an invalid argument.
            StatusCodes.Status400BadRequest or StatusCodes.Status413PayloadTooLarge
                or StatusCodes.Status415UnsupportedMediaType => StatusCode.InvalidArgument,
            StatusCodes.Status401Unauthorized => StatusCode.Unauthenticated,
            StatusCodes.Status403Forbidden => StatusCode.PermissionDenied,
            StatusCodes.Status404NotFound => StatusCode.NotFound,
            StatusCodes.Status409Conflict => StatusCode.Aborted,
            StatusCodes.Status502BadGateway => StatusCode.Internal,
            StatusCodes.Status503ServiceUnavailable => StatusCode.Unavailable,
            StatusCodes.Status504GatewayTimeout => StatusCode.DeadlineExceeded,
            StatusCodes.Status500InternalServerError => StatusCode.Internal,
            _ => StatusCode.Unknown,
        },
    };

    /// <summary>
    /// Returns the rich status of a failure: its code, detail, error info and invalid fields. The error info's
    /// metadata has the request's <c>trace_id</c>, under which the gateway logs server errors.
    /// </summary>
    public static Google.Rpc.Status ToRichStatus(ApiFailure failure, string traceId)
    {
        var status = new Google.Rpc.Status { Code = (int)ToStatusCode(failure), Message = failure.Detail };
        var info = new ErrorInfo { Reason = failure.Code, Domain = ErrorDomain };
        info.Metadata.Add("trace_id", traceId);
        status.Details.Add(Any.Pack(info));
        if (failure.RetryAfter is { } retryAfter)
        {
            status.Details.Add(Any.Pack(new RetryInfo { RetryDelay = Duration.FromTimeSpan(retryAfter) }));
        }

        if (failure.Errors is { Count: > 0 } errors)
        {
            var badRequest = new BadRequest();
            foreach (var (field, messages) in errors)
            {
                badRequest.FieldViolations.Add(messages.Select(message =>
                    new BadRequest.Types.FieldViolation { Field = field, Description = message }));
            }

            status.Details.Add(Any.Pack(badRequest));
        }

        return status;
    }

    /// <summary>Returns the exception that ends a gRPC call with the failure's status and trailers.</summary>
    public static RpcException ToRpcException(ApiFailure failure, string traceId)
    {
        var exception = ToRichStatus(failure, traceId).ToRpcException();
        exception.Trailers.Add(ErrorCodeTrailer, failure.Code);
        return exception;
    }
}
