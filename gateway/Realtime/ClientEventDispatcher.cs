using System.Text.Json;
using VoiceHelper.Gateway.Conversations;
using VoiceHelper.Grains.Voice;

namespace VoiceHelper.Gateway.Realtime;

/// <summary>
/// Parses one client event and makes the matching call on the voice session. Problems in the event become
/// <c>error</c> events through the session, so they are numbered like every other event.
/// </summary>
internal sealed class ClientEventDispatcher(IVoiceSessionGrain session, Guid connectionId)
{
    private const string SupportedEvents =
        "session.update, input_audio_buffer.append, input_audio_buffer.commit, input_audio_buffer.clear, " +
        "conversation.item.create, conversation.item.truncate, response.create and response.cancel";

    /// <summary>Handles a text message.</summary>
    public async Task DispatchAsync(ReadOnlyMemory<byte> message)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(message);
        }
        catch (JsonException exception)
        {
            await RejectAsync("invalid_json", $"The message is not valid JSON: {exception.Message}", null);
            return;
        }

        using (document)
        {
            var root = document.RootElement;
            var eventId = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("event_id", out var id)
                && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var type)
                || type.ValueKind != JsonValueKind.String)
            {
                await RejectAsync("invalid_event", "The message must be a JSON object with a string field 'type', such as " +
                    "{\"type\":\"input_audio_buffer.append\",\"audio\":\"...\"}.", eventId, "type");
                return;
            }

            await DispatchAsync(type.GetString()!, root, eventId);
        }
    }

    /// <summary>Reports a problem with the connection's input, such as a binary or oversized message.</summary>
    public Task RejectAsync(string code, string message, string? eventId, string? param = null) =>
        session.RejectAsync(connectionId, new VoiceError(code, message, param, eventId));

    private Task DispatchAsync(string type, JsonElement root, string? eventId) => type switch
    {
        "input_audio_buffer.append" => AppendAsync(root, eventId),
        "input_audio_buffer.commit" => session.CommitAudioAsync(connectionId, eventId),
        "input_audio_buffer.clear" => session.ClearAudioAsync(connectionId, eventId),
        "session.update" => UpdateAsync(root, eventId),
        "conversation.item.create" => CreateItemAsync(root, eventId),
        "conversation.item.truncate" => TruncateAsync(root, eventId),
        "response.create" => session.CreateResponseAsync(connectionId, eventId),
        "response.cancel" => session.CancelResponseAsync(connectionId, eventId),
        "conversation.item.delete" or "conversation.item.retrieve" or "output_audio_buffer.clear"
            or "transcription_session.update" => RejectAsync("unsupported_event",
                $"Event type '{type}' is part of the OpenAI Realtime API but not supported here. Supported: {SupportedEvents}.",
                eventId, "type"),
        _ => RejectAsync("unknown_event",
            $"Unknown event type '{Shorten(type)}'. Supported: {SupportedEvents}.", eventId, "type"),
    };

    private Task AppendAsync(JsonElement root, string? eventId)
    {
        if (!root.TryGetProperty("audio", out var audio) || audio.ValueKind != JsonValueKind.String)
        {
            return RejectAsync("invalid_value", "Field 'audio' is missing or not a string: send the audio as base64.", eventId, "audio");
        }

        if (!audio.TryGetBytesFromBase64(out var bytes))
        {
            return RejectAsync("invalid_base64",
                "Field 'audio' is not valid base64. Encode the audio bytes with standard base64 and padding.", eventId, "audio");
        }

        return bytes.Length == 0
            ? RejectAsync("invalid_value", "Field 'audio' is empty.", eventId, "audio")
            : session.AppendAudioAsync(connectionId, bytes, eventId);
    }

    private Task UpdateAsync(JsonElement root, string? eventId)
    {
        if (!root.TryGetProperty("session", out var settings))
        {
            return RejectAsync("invalid_value", "Field 'session' is missing: send the settings to change in it.", eventId, "session");
        }

        var update = SessionUpdateReader.Read(settings, out var problem);
        return update is null
            ? RejectAsync("invalid_value", problem!, eventId, "session")
            : session.UpdateSessionAsync(connectionId, update, eventId);
    }

    private Task CreateItemAsync(JsonElement root, string? eventId)
    {
        var text = ReadUserText(root);
        if (text is null)
        {
            return RejectAsync("unsupported_item",
                "Only user messages with input_text content can be added, as in {\"type\":\"conversation.item.create\"," +
                "\"item\":{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"...\"}]}}.",
                eventId, "item");
        }

        return text.Length > ConversationLimits.MaxMessageLength
            ? RejectAsync("invalid_value",
                $"The message has {text.Length} characters; the maximum is {ConversationLimits.MaxMessageLength}.", eventId, "item")
            : session.AddUserTextAsync(connectionId, text, eventId);
    }

    private Task TruncateAsync(JsonElement root, string? eventId)
    {
        if (!root.TryGetProperty("item_id", out var item) || item.ValueKind != JsonValueKind.String)
        {
            return RejectAsync("invalid_value", "Field 'item_id' is missing or not a string.", eventId, "item_id");
        }

        if (!root.TryGetProperty("audio_end_ms", out var end) || !end.TryGetInt64(out var audioEndMs))
        {
            return RejectAsync("invalid_value", "Field 'audio_end_ms' is missing or not a whole number of milliseconds.",
                eventId, "audio_end_ms");
        }

        return session.TruncateItemAsync(connectionId, item.GetString()!, audioEndMs, eventId);
    }

    private static string? ReadUserText(JsonElement root)
    {
        if (!root.TryGetProperty("item", out var item) || item.ValueKind != JsonValueKind.Object
            || !item.TryGetProperty("role", out var role) || role.ValueKind != JsonValueKind.String || role.GetString() != "user"
            || !item.TryGetProperty("content", out var content) || content.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var texts = content.EnumerateArray()
            .Where(part => part.ValueKind == JsonValueKind.Object && part.TryGetProperty("type", out var type)
                && type.ValueKind == JsonValueKind.String && type.GetString() is "input_text" or "text")
            .Select(part => part.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String ? text.GetString() : null)
            .Where(text => text is not null)
            .ToList();
        return texts.Count == 0 ? null : string.Join("\n", texts);
    }

    private static string Shorten(string value) => value.Length <= 80 ? value : value[..80] + "...";
}
