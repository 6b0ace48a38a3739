using System.Text.Json.Nodes;

namespace VoiceHelper.Client.Internal;

/// <summary>Writes client events of the OpenAI Realtime protocol, in its GA shape, as JSON text.</summary>
internal static class ClientEventJson
{
    public static string SessionUpdate(string eventId, VoiceSettings settings)
    {
        var input = new JsonObject();
        if (settings.InputFormat is { } inputFormat)
        {
            input["format"] = Format(inputFormat);
        }

        if (settings.TurnDetection is { } detection)
        {
            input["turn_detection"] = TurnDetection(detection);
        }

        var output = new JsonObject();
        if (settings.OutputFormat is { } outputFormat)
        {
            output["format"] = Format(outputFormat);
        }

        if (settings.Voice is { } voice)
        {
            output["voice"] = voice;
        }

        var session = new JsonObject { ["type"] = "realtime" };
        if (settings.Instructions is { } instructions)
        {
            session["instructions"] = instructions;
        }

        session["audio"] = new JsonObject { ["input"] = input, ["output"] = output };
        return Event("session.update", eventId, ("session", session));
    }

    public static string UserText(string eventId, string text)
    {
        var part = new JsonObject { ["type"] = "input_text", ["text"] = text };
        var item = new JsonObject { ["type"] = "message", ["role"] = "user", ["content"] = new JsonArray(part) };
        return Event("conversation.item.create", eventId, ("item", item));
    }

    public static string Truncate(string eventId, string itemId, long audioEndMs) =>
        Event("conversation.item.truncate", eventId, ("item_id", itemId), ("content_index", 0), ("audio_end_ms", audioEndMs));

    /// <summary>Returns an event with only a type and an id, such as <c>input_audio_buffer.commit</c>.</summary>
    public static string Event(string type, string eventId, params (string Name, JsonNode? Value)[] fields)
    {
        var json = new JsonObject { ["type"] = type, ["event_id"] = eventId };
        foreach (var (name, value) in fields)
        {
            json[name] = value;
        }

        return json.ToJsonString();
    }

    private static JsonObject Format(AudioFormat format) => format.Encoding switch
    {
        AudioEncoding.MuLaw => new JsonObject { ["type"] = "audio/pcmu" },
        AudioEncoding.ALaw => new JsonObject { ["type"] = "audio/pcma" },
        _ => new JsonObject { ["type"] = "audio/pcm", ["rate"] = format.SampleRate },
    };

    private static JsonObject? TurnDetection(TurnDetection detection)
    {
        if (!detection.ServerVad)
        {
            return null;
        }

        var json = new JsonObject { ["type"] = "server_vad" };
        Add(json, "threshold", detection.Threshold);
        Add(json, "prefix_padding_ms", detection.PrefixPaddingMs);
        Add(json, "silence_duration_ms", detection.SilenceDurationMs);
        Add(json, "create_response", detection.CreateResponse);
        Add(json, "interrupt_response", detection.InterruptResponse);
        return json;
    }

    private static void Add<T>(JsonObject json, string name, T? value)
        where T : struct
    {
        if (value is { } set)
        {
            json[name] = JsonValue.Create(set);
        }
    }
}
