using Microsoft.AspNetCore.Diagnostics;
using VoiceHelper.Gateway.Logging;
using Npgsql;
using Orleans.Storage;
using VoiceHelper.Grains.Conversations;
using VoiceHelper.Grains.Knowledge;
using VoiceHelper.Grains.Persistence;

namespace VoiceHelper.Gateway.Errors;

/// <summary>
/// The one place that turns exceptions into problem details. Failures that a retry may fix get 503 or 409;
/// anything unexpected is logged with the request's trace id and returned as a 500 that hides internals.
/// </summary>
public sealed class ExceptionProblemHandler(ILogger<ExceptionProblemHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(
        HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, code, detail) = Classify(exception);
        if (status >= StatusCodes.Status500InternalServerError)
        {
            GatewayLog.RequestFailed(logger, httpContext.Request.Method, httpContext.Request.Path, status, exception);
        }

        var errors = (exception as ApiProblemException)?.Errors;
        await ProblemWriter.WriteAsync(httpContext, status, code, detail, errors);
        return true;
    }

    private static (int Status, string Code, string Detail) Classify(Exception exception) => exception switch
    {
        ApiProblemException problem => (problem.Status, problem.Code, problem.Message),
        ConversationNotFoundException notFound =>
            (StatusCodes.Status404NotFound, ProblemCodes.ConversationNotFound, notFound.Message),
        KnowledgeBaseNotFoundException notFound =>
            (StatusCodes.Status404NotFound, ProblemCodes.KnowledgeBaseNotFound, notFound.Message),
        DocumentNotFoundException notFound =>
            (StatusCodes.Status404NotFound, ProblemCodes.DocumentNotFound, notFound.Message),
        KnowledgeBaseNameTakenException taken =>
            (StatusCodes.Status409Conflict, ProblemCodes.KnowledgeBaseNameTaken, taken.Message),
        ConversationExistsException exists =>
            (StatusCodes.Status409Conflict, ProblemCodes.ConversationExists, exists.Message),
        TurnSequenceConflictException conflict =>
            (StatusCodes.Status409Conflict, ProblemCodes.Conflict, conflict.Message),
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
            (StatusCodes.Status413PayloadTooLarge, ProblemCodes.PayloadTooLarge,
                "The request body is larger than this endpoint accepts: 1 MiB by default (Gateway:MaxRequestBodyBytes), " +
                "50 MiB for document uploads. Send a smaller body."),
        BadHttpRequestException badRequest =>
            (badRequest.StatusCode, ProblemCodes.BadRequest, badRequest.Message),
        StorageException { IsTransient: true } or NpgsqlException { IsTransient: true } =>
            (StatusCodes.Status503ServiceUnavailable, ProblemCodes.StorageUnavailable,
                "The database is unavailable right now. Retry in a few seconds."),
        NpgsqlException and not PostgresException =>
            (StatusCodes.Status503ServiceUnavailable, ProblemCodes.StorageUnavailable,
                "The database is unavailable right now. Retry in a few seconds."),
        AnswerUnavailableException { IsTransient: true } unavailable =>
            (StatusCodes.Status503ServiceUnavailable, ProblemCodes.AnswerModelUnavailable, unavailable.Message),
        AnswerUnavailableException failed =>
            (StatusCodes.Status502BadGateway, ProblemCodes.AnswerModelFailed, failed.Message),
        InconsistentStateException =>
            (StatusCodes.Status409Conflict, ProblemCodes.Conflict,
                "The conversation was changed by another request at the same time. Retry the request."),
        TimeoutException =>
            (StatusCodes.Status504GatewayTimeout, ProblemCodes.Timeout,
                "The service did not respond in time, so the request may or may not have been applied. " +
                "Read the current state (for example the conversation's messages) before retrying."),
        SiloUnavailableException or OrleansMessageRejectionException or OrleansException =>
            (StatusCodes.Status503ServiceUnavailable, ProblemCodes.ClusterUnavailable,
                "The service cluster is not reachable right now. Retry in a few seconds."),
        _ => (StatusCodes.Status500InternalServerError, ProblemCodes.InternalError,
            "The request failed because of an internal error. The gateway log has the details under this trace id."),
    };
}
