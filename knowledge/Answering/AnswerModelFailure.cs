namespace VoiceHelper.Knowledge.Answering;

/// <summary>Why a call to an answer model failed.</summary>
public enum AnswerModelFailure
{
    /// <summary>No connection could be made, or it broke before a response arrived.</summary>
    Unreachable = 0,

    /// <summary>No complete reply arrived within the configured timeout.</summary>
    TimedOut = 1,

    /// <summary>The server rejected the API key: HTTP 401 or 403.</summary>
    Unauthorized = 2,

    /// <summary>The server limited the request rate or quota: HTTP 429.</summary>
    RateLimited = 3,

    /// <summary>The server failed: HTTP 500 or above.</summary>
    ServerError = 4,

    /// <summary>The server rejected the request with another 4xx status, such as 404 for an unknown model.</summary>
    Rejected = 5,

    /// <summary>The server replied with something that is not a chat completion, or with no text.</summary>
    InvalidReply = 6,
}
