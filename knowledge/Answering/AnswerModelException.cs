namespace VoiceHelper.Knowledge.Answering;

/// <summary>
/// The answer model could not write an answer. <see cref="IsTransient"/> says whether the same request may succeed
/// later. The other failures need an operator to fix the configuration or the server.
/// </summary>
public sealed class AnswerModelException : Exception
{
    public AnswerModelException(
        AnswerModelFailure failure, int? statusCode, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Failure = failure;
        StatusCode = statusCode;
    }

    /// <summary>What went wrong.</summary>
    public AnswerModelFailure Failure { get; }

    /// <summary>The HTTP status of the server's response, or null when none arrived.</summary>
    public int? StatusCode { get; }

    /// <summary>True for failures that a retry may fix: unreachable, timed out, rate limited, server errors.</summary>
    public bool IsTransient => Failure is AnswerModelFailure.Unreachable or AnswerModelFailure.TimedOut
        or AnswerModelFailure.RateLimited or AnswerModelFailure.ServerError;
}
