using System.ClientModel;
using System.Text.Json;

namespace VoiceHelper.Knowledge.Answering.Internal;

/// <summary>Turns the failures of the OpenAI client library into <see cref="AnswerModelException"/>s.</summary>
internal static class AnswerModelErrors
{
    private const string Section = OpenAIAnswererOptions.SectionName;

    /// <summary>
    /// Returns the <see cref="AnswerModelException"/> for <paramref name="exception"/>, or null for a failure that
    /// is not the model server's, such as a bug, which then propagates unchanged.
    /// </summary>
    public static AnswerModelException? Translate(Exception exception, OpenAIAnswererOptions options)
    {
        // After its last retry the client library throws an AggregateException of every try's failure.
        var last = exception is AggregateException aggregate ? aggregate.InnerExceptions[^1] : exception;
        var at = $"The answer model {options.Model} at {options.Endpoint}";
        return last switch
        {
            ClientResultException { Status: 0 } or HttpRequestException => new(AnswerModelFailure.Unreachable, null,
                $"{at} could not be reached. Check that the server runs and that {Section}:Endpoint points at it.",
                exception),
            ClientResultException { Status: 401 or 403 } failed => new(AnswerModelFailure.Unauthorized, failed.Status,
                $"{at} rejected the API key with HTTP {failed.Status}. Check {Section}:ApiKey.", exception),
            ClientResultException { Status: 429 } failed => new(AnswerModelFailure.RateLimited, failed.Status,
                $"{at} limited the request rate with HTTP 429. Retry later, or raise the server's rate limit or quota.",
                exception),
            ClientResultException { Status: >= 500 } failed => new(AnswerModelFailure.ServerError, failed.Status,
                $"{at} failed with HTTP {failed.Status}. The server's log has the cause.", exception),
            ClientResultException failed => new(AnswerModelFailure.Rejected, failed.Status,
                $"{at} rejected the request with HTTP {failed.Status}. A 404 usually means that the server does not " +
                $"serve the model in {Section}:Model or that {Section}:Endpoint lacks its version segment, such as /v1.",
                exception),
            OperationCanceledException => new(AnswerModelFailure.TimedOut, null,
                $"{at} did not reply within {options.Timeout}. Raise {Section}:Timeout or use a faster model.",
                exception),
            JsonException or FormatException =>
                InvalidReply(options, "a body that is not a chat completion", exception),
            _ => null,
        };
    }

    /// <summary>Returns the exception for a reply that a chat completions client cannot use.</summary>
    public static AnswerModelException InvalidReply(
        OpenAIAnswererOptions options, string replyDescription, Exception? inner = null) =>
        new(AnswerModelFailure.InvalidReply, null,
            $"The answer model {options.Model} at {options.Endpoint} replied with {replyDescription}. Check that " +
            $"{Section}:Endpoint points at an OpenAI-compatible chat completions API.", inner);
}
