using System.Text;

namespace VoiceHelper.Integration.Tests.Infrastructure;

/// <summary>
/// One dispatched server-sent event as a browser's EventSource reports it: its type ("message" when the stream
/// named none), its data, and the last event id, which is the id of the latest event that had one.
/// </summary>
public sealed record ServerSentEvent(string Type, string Data, string LastEventId, bool HasId);

/// <summary>
/// Parses a <c>text/event-stream</c> body by the event stream interpretation rules of the WHATWG HTML standard, as
/// a browser does: comments, field names without a colon, one optional space after the colon, data lines joined by
/// line feeds, events without data not dispatched, and the last event id kept from event to event.
/// </summary>
public sealed class ServerSentEventReader(Stream stream)
{
    private readonly StreamReader _reader = new(stream, new UTF8Encoding(false));
    private string _lastEventId = string.Empty;

    /// <summary>Returns the next event, or null when the stream ends.</summary>
    public async Task<ServerSentEvent?> ReadAsync(CancellationToken cancellationToken)
    {
        var data = new StringBuilder();
        var type = string.Empty;
        var hasId = false;
        while (await _reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                if (data.Length == 0)
                {
                    type = string.Empty;
                    hasId = false;
                    continue;
                }

                var text = data.ToString();
                return new ServerSentEvent(type.Length == 0 ? "message" : type, text.EndsWith('\n') ? text[..^1] : text,
                    _lastEventId, hasId);
            }

            if (line[0] == ':')
            {
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? string.Empty : line[(colon + 1)..];
            if (value.StartsWith(' '))
            {
                value = value[1..];
            }

            switch (field)
            {
                case "event":
                    type = value;
                    break;
                case "data":
                    data.Append(value).Append('\n');
                    break;
                case "id" when !value.Contains('\0', StringComparison.Ordinal):
                    _lastEventId = value;
                    hasId = true;
                    break;
            }
        }

        return null;
    }

    /// <summary>Returns every event until the stream ends.</summary>
    public async Task<List<ServerSentEvent>> ReadAllAsync(CancellationToken cancellationToken)
    {
        var events = new List<ServerSentEvent>();
        while (await ReadAsync(cancellationToken) is { } next)
        {
            events.Add(next);
        }

        return events;
    }
}
