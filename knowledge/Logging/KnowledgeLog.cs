using Microsoft.Extensions.Logging;
using VoiceHelper.Knowledge.Answering;

namespace VoiceHelper.Knowledge.Logging;

internal static partial class KnowledgeLog
{
    [LoggerMessage(KnowledgeEventIds.AnswererStarted, LogLevel.Information,
        "Answering with model {Model} at {Endpoint}: timeout {Timeout}, at most {MaxRetries} retries, " +
        "at most {MaxOutputTokens} output tokens")]
    public static partial void AnswererStarted(
        ILogger logger, string model, string endpoint, TimeSpan timeout, int maxRetries, int maxOutputTokens);

    [LoggerMessage(KnowledgeEventIds.AnswerModelFailed, LogLevel.Warning,
        "Answer model {Model} at {Endpoint} failed after {ElapsedMilliseconds} ms: {Failure}, HTTP status {StatusCode}")]
    public static partial void AnswerModelFailed(
        ILogger logger, string model, string endpoint, long elapsedMilliseconds, AnswerModelFailure failure,
        string statusCode, Exception exception);

    [LoggerMessage(KnowledgeEventIds.AnswerDeclined, LogLevel.Debug,
        "Answer model {Model} found no answer in {PassageCount} passages")]
    public static partial void AnswerDeclined(ILogger logger, string model, int passageCount);

    [LoggerMessage(KnowledgeEventIds.AnswerUncited, LogLevel.Warning,
        "Answer model {Model} replied without citing any of its {PassageCount} passages, so the reply was discarded " +
        "as ungrounded")]
    public static partial void AnswerUncited(ILogger logger, string model, int passageCount);

    [LoggerMessage(KnowledgeEventIds.CitationsOutOfRange, LogLevel.Warning,
        "Answer model {Model} cited passage numbers {Numbers}, which are not between 1 and {PassageCount}, so those " +
        "citations were ignored")]
    public static partial void CitationsOutOfRange(ILogger logger, string model, string numbers, int passageCount);

    [LoggerMessage(KnowledgeEventIds.AnswerGenerated, LogLevel.Debug,
        "Answer model {Model} answered in {ElapsedMilliseconds} ms, citing {SourceCount} of {PassageCount} passages")]
    public static partial void AnswerGenerated(
        ILogger logger, string model, long elapsedMilliseconds, int sourceCount, int passageCount);

    [LoggerMessage(KnowledgeEventIds.RewriteModelFailed, LogLevel.Warning,
        "Model {Model} failed to rewrite a follow-up question ({Failure}); the deterministic rewrite is used instead")]
    public static partial void RewriteModelFailed(ILogger logger, string model, AnswerModelFailure failure, Exception exception);

    [LoggerMessage(KnowledgeEventIds.RewriteReplyRejected, LogLevel.Warning,
        "Model {Model} replied to a rewrite request with {Length} characters, which is not a question; the deterministic rewrite is used instead")]
    public static partial void RewriteReplyRejected(ILogger logger, string model, int length);
}
