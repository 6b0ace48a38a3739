namespace VoiceHelper.Gateway.Realtime;

/// <summary>
/// Names that OpenAI Realtime clients use in the WebSocket handshake: browsers, which cannot set headers, send the
/// API key and the beta opt-in as <c>Sec-WebSocket-Protocol</c> values.
/// </summary>
public static class RealtimeProtocol
{
    /// <summary>The endpoint's path.</summary>
    public const string Path = "/v1/realtime";

    /// <summary>The subprotocol that the server selects when the client offers it.</summary>
    public const string SubProtocol = "realtime";

    /// <summary>The prefix of a subprotocol value that carries the API key.</summary>
    public const string ApiKeyPrefix = "openai-insecure-api-key.";

    /// <summary>The subprotocol value that requests the beta event names.</summary>
    public const string BetaSubProtocol = "openai-beta.realtime-v1";

    /// <summary>The header with which server-side clients ask for the beta event names.</summary>
    public const string BetaHeader = "OpenAI-Beta";

    /// <summary>Returns the values of the request's <c>Sec-WebSocket-Protocol</c> headers.</summary>
    public static IEnumerable<string> SubProtocols(HttpRequest request) =>
        request.Headers.SecWebSocketProtocol
            .SelectMany(value => (value ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));

    /// <summary>Returns the API key of a browser's handshake, or null.</summary>
    public static string? FindApiKey(HttpRequest request) =>
        request.Path.StartsWithSegments(Path)
            ? SubProtocols(request).FirstOrDefault(value => value.StartsWith(ApiKeyPrefix, StringComparison.Ordinal))?[ApiKeyPrefix.Length..]
            : null;

    /// <summary>Whether the client asked for the beta protocol's event names.</summary>
    public static bool WantsBeta(HttpRequest request) =>
        request.Headers[BetaHeader].Any(value => value?.Contains("realtime=v1", StringComparison.OrdinalIgnoreCase) == true)
        || SubProtocols(request).Contains(BetaSubProtocol, StringComparer.Ordinal);
}
