using System.ComponentModel.DataAnnotations;

namespace VoiceHelper.Gateway.Realtime;

/// <summary>Limits and checks of <c>/v1/realtime</c> connections, from the <c>Realtime</c> configuration section.</summary>
public sealed class RealtimeOptions
{
    public const string SectionName = "Realtime";

    /// <summary>
    /// The origins (such as <c>https://app.example.com</c>) of other sites whose pages may connect. A connection with
    /// an <c>Origin</c> header, which browsers always send, is rejected with 403 unless its origin is listed, the list
    /// contains <c>*</c>, or the origin's host and port equal the request's <c>Host</c> (the gateway's own web page).
    /// Clients that send no <c>Origin</c>, such as server-side SDKs, are not checked. Default: none.
    /// </summary>
    public string[] AllowedOrigins { get; set; } = [];

    /// <summary>
    /// The largest client message in bytes. A larger one is skipped with an <c>error</c> event and the session goes
    /// on. Default 1 MiB, about 20 seconds of 24 kHz audio in base64. Range 4 KiB to 16 MiB.
    /// </summary>
    [Range(4 * 1024, 16 * 1024 * 1024, ErrorMessage = "Realtime:MaxMessageBytes must be between 4096 and 16777216.")]
    public int MaxMessageBytes { get; set; } = 1024 * 1024;

    /// <summary>How often the gateway pings an idle client. Default 10 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00", ErrorMessage = "Realtime:KeepAliveInterval must be between 00:00:01 and 00:10:00.")]
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long the gateway waits for the pong to its ping before it drops the connection and frees the session for a
    /// reconnect. Default 20 seconds.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00", ErrorMessage = "Realtime:KeepAliveTimeout must be between 00:00:01 and 00:10:00.")]
    public TimeSpan KeepAliveTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Whether <paramref name="origin"/> may connect.</summary>
    public bool AllowsOrigin(string origin) =>
        AllowedOrigins.Any(allowed => allowed == "*" || string.Equals(allowed.TrimEnd('/'), origin, StringComparison.OrdinalIgnoreCase));
}
