using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace VoiceHelper.Gateway.Conversations;

/// <summary>
/// Writes server-sent events in the <c>text/event-stream</c> format of the WHATWG HTML standard, with JSON data in
/// the public shape. Each event is flushed as soon as it is written, so it reaches the client at once.
/// </summary>
internal sealed class ServerSentEventWriter
{
    public const string MediaType = "text/event-stream";

    private readonly HttpResponse _response;
    private readonly JsonSerializerOptions _json;
    private readonly CancellationToken _cancellationToken;

    private ServerSentEventWriter(HttpResponse response, JsonSerializerOptions json, CancellationToken cancellationToken)
    {
        _response = response;
        _json = json;
        _cancellationToken = cancellationToken;
    }

    /// <summary>
    /// Sends the status 200 and the headers of an event stream: no caching, and no buffering by the server or by a
    /// reverse proxy. Headers that the caller set before stay.
    /// </summary>
    public static async Task<ServerSentEventWriter> StartAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = $"{MediaType}; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        // nginx buffers proxied responses unless the upstream sends this header.
        response.Headers["X-Accel-Buffering"] = "no";
        context.Features.GetRequiredFeature<IHttpResponseBodyFeature>().DisableBuffering();
        await response.StartAsync(cancellationToken);
        await response.Body.FlushAsync(cancellationToken);

        var json = context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        return new ServerSentEventWriter(response, json, cancellationToken);
    }

    /// <summary>Writes one event and flushes it. An event without <paramref name="id"/> leaves the client's last event id as it was.</summary>
    public async Task WriteAsync(string eventType, long? id, object data)
    {
        var text = new StringBuilder();
        if (id is { } value)
        {
            text.Append("id: ").Append(value.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        text.Append("event: ").Append(eventType).Append('\n');
        // Compact JSON has no line breaks. Indented JSON has them, and each line of the data needs its own field.
        foreach (var line in JsonSerializer.Serialize(data, data.GetType(), _json).Split('\n'))
        {
            text.Append("data: ").Append(line.TrimEnd('\r')).Append('\n');
        }

        text.Append('\n');
        await _response.WriteAsync(text.ToString(), _cancellationToken);
        await _response.Body.FlushAsync(_cancellationToken);
    }
}
