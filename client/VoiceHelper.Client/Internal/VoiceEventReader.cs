using System.Globalization;
using System.Text.Json;
using V1 = VoiceHelper.Api.V1;

namespace VoiceHelper.Client.Internal;

/// <summary>
/// Reads the events of one voice session into the SDK's records. It keeps the session's output format from
/// <c>session.created</c> and <c>session.updated</c>, so that each audio delta names the format of its bytes.
/// Instances are not thread-safe.
/// </summary>
internal sealed class VoiceEventReader
{
    public AudioFormat OutputFormat { get; private set; } = AudioFormat.Default;

    public VoiceEvent Read(V1.ConverseEvent message)
    {
        using var document = JsonDocument.Parse(message.Json);
        var root = document.RootElement;
        var (sequence, type, json) = (message.Sequence, message.Type, message.Json);
        switch (type)
        {
            case "session.created" or "session.updated":
                var session = root.GetProperty("session");
                var configuration = ReadConfiguration(session);
                OutputFormat = configuration.OutputFormat;
                var conversationId = Guid.Parse(session.GetProperty("voicehelper").GetProperty("conversation_id").GetString()!);
                return type == "session.created"
                    ? new SessionCreated(sequence, type, json, conversationId, configuration)
                    : new SessionUpdated(sequence, type, json, conversationId, configuration);
            case "input_audio_buffer.speech_started":
                return new SpeechStarted(sequence, type, json, Text(root, "item_id"), Whole(root, "audio_start_ms"));
            case "input_audio_buffer.speech_stopped":
                return new SpeechStopped(sequence, type, json, Text(root, "item_id"), Whole(root, "audio_end_ms"));
            case "input_audio_buffer.committed":
                return new AudioCommitted(sequence, type, json, Text(root, "item_id"));
            case "conversation.item.input_audio_transcription.delta":
                return new TranscriptionDelta(sequence, type, json, Text(root, "item_id"), Text(root, "delta"));
            case "conversation.item.input_audio_transcription.completed":
                return new TranscriptionCompleted(sequence, type, json, Text(root, "item_id"), Text(root, "transcript"));
            case "response.created":
                return new VoiceResponseCreated(sequence, type, json, Text(root.GetProperty("response"), "id"));
            case "response.output_audio_transcript.delta" or "response.output_text.delta":
                return new AnswerTextDelta(sequence, type, json, Text(root, "response_id"), Text(root, "item_id"), Text(root, "delta"));
            case "response.output_audio.delta":
                return new AnswerAudioDelta(sequence, type, json, Text(root, "response_id"), Text(root, "item_id"),
                    message.Audio.Memory, OutputFormat);
            case "response.done":
                return ReadResponseDone(sequence, type, json, root.GetProperty("response"));
            case "conversation.item.truncated":
                return new ItemTruncated(sequence, type, json, Text(root, "item_id"), Whole(root, "audio_end_ms"));
            case "error":
                return new SessionError(sequence, type, json, ReadError(root.GetProperty("error")));
            default:
                return new OtherVoiceEvent(sequence, type, json);
        }
    }

    private static VoiceConfiguration ReadConfiguration(JsonElement session)
    {
        var audio = session.GetProperty("audio");
        var input = audio.GetProperty("input");
        var output = audio.GetProperty("output");
        return new VoiceConfiguration(
            ReadFormat(input.GetProperty("format")),
            ReadFormat(output.GetProperty("format")),
            ReadTurnDetection(input.GetProperty("turn_detection")),
            Text(output, "voice"),
            Text(session, "instructions"));
    }

    private static AudioFormat ReadFormat(JsonElement format) => Text(format, "type") switch
    {
        "audio/pcmu" => AudioFormat.MuLaw,
        "audio/pcma" => AudioFormat.ALaw,
        _ => new AudioFormat(AudioEncoding.Pcm16, (int)Whole(format, "rate")),
    };

    private static TurnDetection ReadTurnDetection(JsonElement detection)
    {
        if (detection.ValueKind != JsonValueKind.Object)
        {
            return TurnDetection.None;
        }

        return new TurnDetection
        {
            Threshold = detection.GetProperty("threshold").GetDouble(),
            PrefixPaddingMs = (int)Whole(detection, "prefix_padding_ms"),
            SilenceDurationMs = (int)Whole(detection, "silence_duration_ms"),
            CreateResponse = detection.GetProperty("create_response").GetBoolean(),
            InterruptResponse = detection.GetProperty("interrupt_response").GetBoolean(),
        };
    }

    private static VoiceResponseDone ReadResponseDone(long sequence, string type, string json, JsonElement response)
    {
        var status = Text(response, "status") switch
        {
            "completed" => VoiceResponseStatus.Completed,
            "cancelled" => VoiceResponseStatus.Cancelled,
            _ => VoiceResponseStatus.Failed,
        };
        string? reason = null;
        VoiceError? error = null;
        if (response.TryGetProperty("status_details", out var details) && details.ValueKind == JsonValueKind.Object)
        {
            reason = OptionalText(details, "reason");
            if (details.TryGetProperty("error", out var failure) && failure.ValueKind == JsonValueKind.Object)
            {
                error = ReadError(failure);
            }
        }

        Guid? turnId = null;
        var audioSeconds = 0.0;
        var sources = new List<Citation>();
        if (response.TryGetProperty("voicehelper", out var extension) && extension.ValueKind == JsonValueKind.Object)
        {
            turnId = OptionalText(extension, "turn_id") is { } turn ? Guid.Parse(turn) : null;
            audioSeconds = extension.TryGetProperty("audio_seconds", out var seconds) ? seconds.GetDouble() : 0;
            if (extension.TryGetProperty("sources", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                sources.AddRange(list.EnumerateArray().Select(ReadSource));
            }
        }

        return new VoiceResponseDone(sequence, type, json, Text(response, "id"), status, reason, error, turnId, audioSeconds, sources);
    }

    private static Citation ReadSource(JsonElement source) => new(
        Guid.Parse(Text(source, "document_id")),
        Text(source, "title"),
        Text(source, "heading"),
        source.TryGetProperty("page", out var page) && page.ValueKind == JsonValueKind.Number ? page.GetInt32() : null,
        Text(source, "quote"));

    private static VoiceError ReadError(JsonElement error) => new(
        Text(error, "code"),
        Text(error, "message"),
        Text(error, "type"),
        OptionalText(error, "param"),
        OptionalText(error, "event_id"));

    private static string Text(JsonElement parent, string name) => OptionalText(parent, name) ?? string.Empty;

    private static string? OptionalText(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static long Whole(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number
            ? value.GetInt64()
            : throw new FormatException(string.Create(CultureInfo.InvariantCulture,
                $"The server event has no whole number '{name}'."));
}
