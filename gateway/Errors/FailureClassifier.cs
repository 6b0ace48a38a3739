using Npgsql;
using Orleans.Storage;
using VoiceHelper.Grains.Conversations;
using VoiceHelper.Grains.Inference;
using VoiceHelper.Grains.Knowledge;
using VoiceHelper.Grains.Persistence;
using VoiceHelper.Grains.Speech;

namespace VoiceHelper.Gateway.Errors;

/// <summary>
/// The one place that classifies exceptions for clients. Failures that a retry may fix get 503 or 409; anything
/// unexpected becomes a 500 that hides internals.
/// </summary>
public static class FailureClassifier
{
    /// <summary>Returns the status, code and detail that clients get for <paramref name="exception"/>.</summary>
    public static ApiFailure Classify(Exception exception) => exception switch
    {
        ApiProblemException problem => new(problem.Status, problem.Code, problem.Message, problem.Errors),
        ConversationNotFoundException notFound =>
            new(StatusCodes.Status404NotFound, ProblemCodes.ConversationNotFound, notFound.Message),
        KnowledgeBaseNotFoundException notFound =>
            new(StatusCodes.Status404NotFound, ProblemCodes.KnowledgeBaseNotFound, notFound.Message),
        DocumentNotFoundException notFound =>
            new(StatusCodes.Status404NotFound, ProblemCodes.DocumentNotFound, notFound.Message),
        KnowledgeBaseNameTakenException taken =>
            new(StatusCodes.Status409Conflict, ProblemCodes.KnowledgeBaseNameTaken, taken.Message),
        ConversationExistsException exists =>
            new(StatusCodes.Status409Conflict, ProblemCodes.ConversationExists, exists.Message),
        TurnSequenceConflictException conflict =>
            new(StatusCodes.Status409Conflict, ProblemCodes.Conflict, conflict.Message),
        IdempotencyKeyConflictException conflict =>
            new(StatusCodes.Status409Conflict, ProblemCodes.Conflict, conflict.Message),
        KnowledgeBaseRequiredException required =>
            new(StatusCodes.Status409Conflict, ProblemCodes.KnowledgeBaseRequired, required.Message),
        ResponseNotFoundException notFound =>
            new(StatusCodes.Status404NotFound, ProblemCodes.ResponseNotFound, notFound.Message),
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
            new(StatusCodes.Status413PayloadTooLarge, ProblemCodes.PayloadTooLarge,
                "The request body is larger than this endpoint accepts: 1 MiB by default (Gateway:MaxRequestBodyBytes), " +
                "50 MiB for document uploads. Send a smaller body."),
        BadHttpRequestException badRequest =>
            new(badRequest.StatusCode, ProblemCodes.BadRequest, badRequest.Message),
        StorageException { IsTransient: true } or NpgsqlException { IsTransient: true } =>
            new(StatusCodes.Status503ServiceUnavailable, ProblemCodes.StorageUnavailable,
                "The database is unavailable right now. Retry in a few seconds."),
        NpgsqlException and not PostgresException =>
            new(StatusCodes.Status503ServiceUnavailable, ProblemCodes.StorageUnavailable,
                "The database is unavailable right now. Retry in a few seconds."),
        InferenceBusyException busy =>
            new(StatusCodes.Status503ServiceUnavailable, ProblemCodes.InferenceBusy, busy.Message, RetryAfter: busy.RetryAfter),
        AcceleratorUnavailableException unavailable =>
            new(StatusCodes.Status503ServiceUnavailable, ProblemCodes.AcceleratorUnavailable, unavailable.Message),
        InvalidAudioException { IsUnsupported: true } unsupported =>
            new(StatusCodes.Status415UnsupportedMediaType, ProblemCodes.UnsupportedAudioFormat, unsupported.Message),
        InvalidAudioException invalid =>
            new(StatusCodes.Status400BadRequest, ProblemCodes.InvalidAudio, invalid.Message),
        InvalidSpeechRequestException invalid =>
            new(StatusCodes.Status400BadRequest, ProblemCodes.ValidationFailed, invalid.Message),
        SpeechUnavailableException { IsTransient: true } unavailable =>
            new(StatusCodes.Status503ServiceUnavailable, ProblemCodes.SpeechEngineUnavailable, unavailable.Message),
        SpeechUnavailableException failed =>
            new(StatusCodes.Status502BadGateway, ProblemCodes.SpeechEngineFailed, failed.Message),
        AnswerUnavailableException { IsTransient: true } unavailable =>
            new(StatusCodes.Status503ServiceUnavailable, ProblemCodes.AnswerModelUnavailable, unavailable.Message),
        AnswerUnavailableException failed =>
            new(StatusCodes.Status502BadGateway, ProblemCodes.AnswerModelFailed, failed.Message),
        InconsistentStateException =>
            new(StatusCodes.Status409Conflict, ProblemCodes.Conflict,
                "The conversation was changed by another request at the same time. Retry the request."),
        TimeoutException =>
            new(StatusCodes.Status504GatewayTimeout, ProblemCodes.Timeout,
                "The service did not respond in time, so the request may or may not have been applied. " +
                "Read the current state (for example the conversation's messages) before retrying."),
        SiloUnavailableException or OrleansMessageRejectionException or OrleansException =>
            new(StatusCodes.Status503ServiceUnavailable, ProblemCodes.ClusterUnavailable,
                "The service cluster is not reachable right now. Retry in a few seconds."),
        _ => new(StatusCodes.Status500InternalServerError, ProblemCodes.InternalError,
            "The request failed because of an internal error. The gateway log has the details under this trace id."),
    };
}
