namespace VoiceHelper.Knowledge.Answering;

/// <summary>
/// Settings of <see cref="OpenAIAnswerer"/>, read from <c>Knowledge:Answering:OpenAI</c>. Any server that
/// implements OpenAI's <c>POST /chat/completions</c> works: vLLM, Ollama, llama.cpp server, OpenAI itself.
/// </summary>
public sealed class OpenAIAnswererOptions
{
    public const string SectionName = "Knowledge:Answering:OpenAI";

    /// <summary>
    /// The base URL of the API, up to and including its version segment, such as <c>http://127.0.0.1:11434/v1</c>
    /// for Ollama or <c>https://api.openai.com/v1</c>; requests go to <c>{Endpoint}/chat/completions</c>. Required.
    /// </summary>
    public string? Endpoint { get; set; }

    /// <summary>The model name sent with each request, as the server lists it under <c>/models</c>. Required.</summary>
    public string? Model { get; set; }

    /// <summary>
    /// The API key, sent as a bearer token. Optional, because local servers usually need none. Set it through the
    /// environment variable <c>Knowledge__Answering__OpenAI__ApiKey</c> or a secret store rather than a file.
    /// It is never logged.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// The maximum time that one answer may take, retries and their waits included. Default 20 seconds. Range:
    /// 1 second to 5 minutes.
    /// </summary>
    /// <remarks>
    /// NOTE: the gateway's grain calls time out after Orleans' response timeout, 30 seconds by default. A longer
    /// timeout here lets the gateway answer 504 <c>timeout</c> while the model is still writing.
    /// </remarks>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// How many times a request is retried after a failed connection or HTTP 408, 429, 500, 502, 503 or 504. The
    /// first retry waits 0.8 seconds and each further one twice as long as the one before. Default 1. Range: 0 to 5.
    /// </summary>
    public int MaxRetries { get; set; } = 1;

    /// <summary>
    /// The maximum number of tokens the model may write, sent as <c>max_completion_tokens</c>. Default 512.
    /// Range: 1 to 32768.
    /// </summary>
    /// <remarks>NOTE: a server that reads only the older <c>max_tokens</c> field applies its own limit instead.</remarks>
    public int MaxOutputTokens { get; set; } = 512;

    /// <summary>The sampling temperature. Default 0, which keeps answers close to the passages. Range: 0 to 2.</summary>
    public float Temperature { get; set; }
}
