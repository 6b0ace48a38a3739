using Google.Rpc;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Orleans.Storage;
using VoiceHelper.Gateway.Errors;
using VoiceHelper.Grains.Conversations;
using VoiceHelper.Grains.Inference;
using VoiceHelper.Grains.Knowledge;
using VoiceHelper.Grains.Persistence;

namespace VoiceHelper.Tests.Errors;

[Trait("Category", "Unit")]
public sealed class RpcFailuresTests
{
    public static TheoryData<Exception, StatusCode, string> Failures => new()
    {
        { ApiProblemException.InvalidField("top_k", "bad"), StatusCode.InvalidArgument, ProblemCodes.ValidationFailed },
        { new ApiProblemException(StatusCodes.Status413PayloadTooLarge, ProblemCodes.PayloadTooLarge, "big"),
            StatusCode.InvalidArgument, ProblemCodes.PayloadTooLarge },
        { new ApiProblemException(StatusCodes.Status415UnsupportedMediaType, ProblemCodes.UnsupportedDocumentType, "exe"),
            StatusCode.InvalidArgument, ProblemCodes.UnsupportedDocumentType },
        { new ApiProblemException(StatusCodes.Status401Unauthorized, ProblemCodes.MissingApiKey, "no key"),
            StatusCode.Unauthenticated, ProblemCodes.MissingApiKey },
        { new ApiProblemException(StatusCodes.Status403Forbidden, ProblemCodes.Forbidden, "not admin"),
            StatusCode.PermissionDenied, ProblemCodes.Forbidden },
        { new KnowledgeBaseNotFoundException(Guid.NewGuid()), StatusCode.NotFound, ProblemCodes.KnowledgeBaseNotFound },
        { new DocumentNotFoundException(Guid.NewGuid()), StatusCode.NotFound, ProblemCodes.DocumentNotFound },
        { new KnowledgeBaseNameTakenException("manual"), StatusCode.AlreadyExists, ProblemCodes.KnowledgeBaseNameTaken },
        { new ConversationNotFoundException(Guid.NewGuid()), StatusCode.NotFound, ProblemCodes.ConversationNotFound },
        { new ResponseNotFoundException(Guid.NewGuid(), Guid.NewGuid()), StatusCode.NotFound, ProblemCodes.ResponseNotFound },
        { new KnowledgeBaseRequiredException(Guid.NewGuid()), StatusCode.FailedPrecondition, ProblemCodes.KnowledgeBaseRequired },
        { new IdempotencyKeyConflictException(Guid.NewGuid(), null), StatusCode.Aborted, ProblemCodes.Conflict },
        { new InconsistentStateException("changed"), StatusCode.Aborted, ProblemCodes.Conflict },
        { new SiloUnavailableException(), StatusCode.Unavailable, ProblemCodes.ClusterUnavailable },
        { new StorageException("down", isTransient: true, sqlState: null),
            StatusCode.Unavailable, ProblemCodes.StorageUnavailable },
        { new TimeoutException(), StatusCode.DeadlineExceeded, ProblemCodes.Timeout },
        { new InferenceBusyException("queue full", TimeSpan.FromSeconds(1)), StatusCode.Unavailable, ProblemCodes.InferenceBusy },
        { new AcceleratorUnavailableException("embedding"), StatusCode.Unavailable, ProblemCodes.AcceleratorUnavailable },
        { new ApiProblemException(StatusCodes.Status422UnprocessableEntity, ProblemCodes.IdempotencyKeyReused, "reused"),
            StatusCode.InvalidArgument, ProblemCodes.IdempotencyKeyReused },
        { new InvalidOperationException("bug"), StatusCode.Internal, ProblemCodes.InternalError },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void ToRpcException_ClassifiedFailure_KeepsRestCode(Exception exception, StatusCode expected, string code)
    {
        var failure = RpcFailures.ToRpcException(FailureClassifier.Classify(exception), "trace-1");

        Assert.Equal(expected, failure.StatusCode);
        Assert.Equal(code, failure.Trailers.GetValue(RpcFailures.ErrorCodeTrailer));
        Assert.Equal(code, failure.GetRpcStatus()?.GetDetail<ErrorInfo>()?.Reason);
    }

    [Fact]
    public void ToRichStatus_InvalidField_ListsFieldAndTraceId()
    {
        var failure = FailureClassifier.Classify(ApiProblemException.InvalidField("top_k", "Field 'top_k' is 0."));

        var status = RpcFailures.ToRichStatus(failure, "trace-1");

        Assert.Equal("top_k", status.GetDetail<BadRequest>()?.FieldViolations.Single().Field);
        Assert.Equal("Field 'top_k' is 0.", status.GetDetail<BadRequest>()?.FieldViolations.Single().Description);
        Assert.Equal("trace-1", status.GetDetail<ErrorInfo>()?.Metadata["trace_id"]);
        Assert.Equal(RpcFailures.ErrorDomain, status.GetDetail<ErrorInfo>()?.Domain);
    }

    [Fact]
    public void ToRichStatus_InferenceBusy_CarriesRetryDelay()
    {
        var failure = FailureClassifier.Classify(new InferenceBusyException("queue full", TimeSpan.FromMilliseconds(1500)));

        var status = RpcFailures.ToRichStatus(failure, "trace-1");

        Assert.Equal(TimeSpan.FromMilliseconds(1500), status.GetDetail<RetryInfo>()?.RetryDelay.ToTimeSpan());
    }
}
