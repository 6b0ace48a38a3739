using VoiceHelper.Knowledge.Answering;

namespace VoiceHelper.Grains.Knowledge;

/// <summary>
/// Replaces an <see cref="AnswerModelException"/>, whose message names the model's address, with the
/// <see cref="AnswerUnavailableException"/> that callers of the grain see.
/// </summary>
internal static class AnswerFailures
{
    public static AnswerUnavailableException ForCaller(AnswerModelException exception) =>
        new(Describe(exception), exception.IsTransient);

    private static string Describe(AnswerModelException exception) => exception.Failure switch
    {
        AnswerModelFailure.Unreachable => "its answer model could not be reached",
        AnswerModelFailure.TimedOut => "its answer model did not reply in time",
        AnswerModelFailure.Unauthorized => $"its answer model rejected the service's API key (HTTP {exception.StatusCode})",
        AnswerModelFailure.RateLimited => "its answer model is rate limited (HTTP 429)",
        AnswerModelFailure.ServerError => $"its answer model returned a server error (HTTP {exception.StatusCode})",
        AnswerModelFailure.Rejected => $"its answer model rejected the request (HTTP {exception.StatusCode})",
        AnswerModelFailure.InvalidReply => "its answer model sent a reply that could not be read",
        _ => $"its answer model failed ({exception.Failure})",
    };
}
