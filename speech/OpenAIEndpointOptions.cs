namespace VoiceHelper.Speech;

/// <summary>
/// A server that implements OpenAI's audio API (<c>/audio/transcriptions</c> or <c>/audio/speech</c>): OpenAI itself,
/// faster-whisper or speaches servers, vLLM, LocalAI.
/// </summary>
public sealed class OpenAIEndpointOptions
{
    /// <summary>
    /// The base URL up to and including its version segment, such as <c>http://127.0.0.1:8000/v1</c>. Required.
    /// </summary>
    public string? Endpoint { get; set; }

    /// <summary>The model name sent with each request, such as <c>whisper-1</c> or <c>tts-1</c>. Required.</summary>
    public string? Model { get; set; }

    /// <summary>The API key, sent as a bearer token; optional. Never logged.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The maximum time of one request, retries included. Default 60 seconds. Range 1 second to 10 minutes.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Retries after a failed connection or HTTP 408, 429, 500, 502, 503 or 504; the first waits 0.5 s and each
    /// further one twice as long. Default 1. Range 0 to 5.
    /// </summary>
    public int MaxRetries { get; set; } = 1;

    /// <summary>Returns one message per invalid setting, each naming it under <paramref name="section"/>.</summary>
    public IReadOnlyList<string> Validate(string section)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Endpoint)
            || !Uri.TryCreate(Endpoint, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            problems.Add($"{section}:Endpoint is '{Endpoint}', which is not an absolute http or https URL such as " +
                "http://127.0.0.1:8000/v1.");
        }
        else if (uri.UserInfo.Length > 0)
        {
            problems.Add($"{section}:Endpoint contains a user name or password; remove them and set {section}:ApiKey.");
        }

        if (string.IsNullOrWhiteSpace(Model))
        {
            problems.Add($"{section}:Model is missing. Set the model name that the server serves.");
        }

        if (Timeout < TimeSpan.FromSeconds(1) || Timeout > TimeSpan.FromMinutes(10))
        {
            problems.Add($"{section}:Timeout is {Timeout}, but must be between 1 second and 10 minutes.");
        }

        if (MaxRetries is < 0 or > 5)
        {
            problems.Add($"{section}:MaxRetries is {MaxRetries}, but must be between 0 and 5.");
        }

        return problems;
    }
}
