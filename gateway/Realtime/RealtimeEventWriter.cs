using System.Buffers;
using System.Globalization;
using System.Text.Json;
using VoiceHelper.Grains.Knowledge;
using VoiceHelper.Grains.Voice;

namespace VoiceHelper.Gateway.Realtime;

/// <summary>
/// Writes voice session events as OpenAI Realtime server events: GA names, or the beta names for clients that asked
/// for <c>realtime=v1</c>. Every event carries <c>voicehelper_seq</c>; VoiceHelper's own fields sit under
/// <c>voicehelper</c> keys that standard clients ignore.
/// </summary>
/// <remarks>gRPC carries audio as bytes beside the JSON, so its writer leaves the base64 audio out.</remarks>
internal sealed class RealtimeEventWriter(string model, bool beta, bool includeAudio = true)
{
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);

    /// <summary>Returns the event as UTF-8 JSON, or an empty span when the protocol has no such event.</summary>
    public ReadOnlyMemory<byte> Write(VoiceEvent voiceEvent)
    {
        var type = TypeOf(voiceEvent.Kind);
        _buffer.ResetWrittenCount();
        if (type is null)
        {
            return ReadOnlyMemory<byte>.Empty;
        }

        using var json = new Utf8JsonWriter(_buffer);
        json.WriteStartObject();
        json.WriteString("type", type);
        json.WriteString("event_id", "event_" + voiceEvent.Sequence.ToString(CultureInfo.InvariantCulture));
        json.WriteNumber("voicehelper_seq", voiceEvent.Sequence);
        WriteBody(json, voiceEvent);
        json.WriteEndObject();
        json.Flush();
        return _buffer.WrittenMemory;
    }

    /// <summary>Returns the event type of a kind in this writer's protocol, or null when the protocol has none.</summary>
    public string? TypeOf(VoiceEventKind kind) => kind switch
    {
        VoiceEventKind.SessionCreated => "session.created",
        VoiceEventKind.SessionUpdated => "session.updated",
        VoiceEventKind.SpeechStarted => "input_audio_buffer.speech_started",
        VoiceEventKind.SpeechStopped => "input_audio_buffer.speech_stopped",
        VoiceEventKind.AudioCommitted => "input_audio_buffer.committed",
        VoiceEventKind.AudioCleared => "input_audio_buffer.cleared",
        VoiceEventKind.ItemAdded => beta ? "conversation.item.created" : "conversation.item.added",
        VoiceEventKind.ItemDone => beta ? null : "conversation.item.done",
        VoiceEventKind.TranscriptionDelta => "conversation.item.input_audio_transcription.delta",
        VoiceEventKind.TranscriptionCompleted => "conversation.item.input_audio_transcription.completed",
        VoiceEventKind.ResponseCreated => "response.created",
        VoiceEventKind.OutputItemAdded => "response.output_item.added",
        VoiceEventKind.ContentPartAdded => "response.content_part.added",
        VoiceEventKind.TranscriptDelta => beta ? "response.audio_transcript.delta" : "response.output_audio_transcript.delta",
        VoiceEventKind.AudioDelta => beta ? "response.audio.delta" : "response.output_audio.delta",
        VoiceEventKind.AudioDone => beta ? "response.audio.done" : "response.output_audio.done",
        VoiceEventKind.TranscriptDone => beta ? "response.audio_transcript.done" : "response.output_audio_transcript.done",
        VoiceEventKind.ContentPartDone => "response.content_part.done",
        VoiceEventKind.OutputItemDone => "response.output_item.done",
        VoiceEventKind.ResponseDone => "response.done",
        VoiceEventKind.ItemTruncated => "conversation.item.truncated",
        VoiceEventKind.Error => "error",
        _ => null,
    };

    private void WriteBody(Utf8JsonWriter json, VoiceEvent voiceEvent)
    {
        switch (voiceEvent.Kind)
        {
            case VoiceEventKind.SessionCreated or VoiceEventKind.SessionUpdated:
                json.WritePropertyName("session");
                WriteSession(json, voiceEvent.Session!, voiceEvent.ConversationId!.Value);
                break;
            case VoiceEventKind.SpeechStarted:
                json.WriteNumber("audio_start_ms", voiceEvent.AudioMs ?? 0);
                json.WriteString("item_id", voiceEvent.ItemId);
                break;
            case VoiceEventKind.SpeechStopped:
                json.WriteNumber("audio_end_ms", voiceEvent.AudioMs ?? 0);
                json.WriteString("item_id", voiceEvent.ItemId);
                break;
            case VoiceEventKind.AudioCommitted:
                json.WriteString("previous_item_id", voiceEvent.PreviousItemId);
                json.WriteString("item_id", voiceEvent.ItemId);
                break;
            case VoiceEventKind.ItemAdded or VoiceEventKind.ItemDone:
                json.WriteString("previous_item_id", voiceEvent.PreviousItemId);
                json.WritePropertyName("item");
                WriteUserItem(json, voiceEvent);
                break;
            case VoiceEventKind.TranscriptionDelta or VoiceEventKind.TranscriptionCompleted:
                json.WriteString("item_id", voiceEvent.ItemId);
                json.WriteNumber("content_index", 0);
                json.WriteString(voiceEvent.Kind == VoiceEventKind.TranscriptionDelta ? "delta" : "transcript", voiceEvent.Text ?? string.Empty);
                break;
            case VoiceEventKind.ResponseCreated:
                json.WritePropertyName("response");
                WriteResponse(json, voiceEvent, "in_progress", []);
                break;
            case VoiceEventKind.OutputItemAdded or VoiceEventKind.OutputItemDone:
                json.WriteString("response_id", voiceEvent.ResponseId);
                json.WriteNumber("output_index", 0);
                json.WritePropertyName("item");
                WriteAssistantItem(json, voiceEvent);
                break;
            case VoiceEventKind.ContentPartAdded or VoiceEventKind.ContentPartDone:
                WritePosition(json, voiceEvent);
                json.WritePropertyName("part");
                json.WriteStartObject();
                json.WriteString("type", AudioPartType);
                json.WriteString("transcript", voiceEvent.Text ?? string.Empty);
                json.WriteEndObject();
                break;
            case VoiceEventKind.TranscriptDelta:
                WritePosition(json, voiceEvent);
                json.WriteString("delta", voiceEvent.Text);
                break;
            case VoiceEventKind.AudioDelta:
                WritePosition(json, voiceEvent);
                if (includeAudio)
                {
                    json.WriteBase64String("delta", voiceEvent.Audio);
                }

                break;
            case VoiceEventKind.AudioDone:
                WritePosition(json, voiceEvent);
                break;
            case VoiceEventKind.TranscriptDone:
                WritePosition(json, voiceEvent);
                json.WriteString("transcript", voiceEvent.Text ?? string.Empty);
                break;
            case VoiceEventKind.ResponseDone:
                json.WritePropertyName("response");
                WriteResponse(json, voiceEvent, StatusName(voiceEvent.Status), [voiceEvent]);
                break;
            case VoiceEventKind.ItemTruncated:
                json.WriteString("item_id", voiceEvent.ItemId);
                json.WriteNumber("content_index", 0);
                json.WriteNumber("audio_end_ms", voiceEvent.AudioMs ?? 0);
                break;
            case VoiceEventKind.Error:
                WriteError(json, voiceEvent.Error!);
                break;
        }
    }

    private string AudioPartType => beta ? "audio" : "output_audio";

    private void WriteSession(Utf8JsonWriter json, VoiceSessionConfig session, Guid conversationId)
    {
        json.WriteStartObject();
        json.WriteString("id", "sess_" + conversationId.ToString("N"));
        json.WriteString("object", "realtime.session");
        json.WriteString("model", model);
        json.WriteString("instructions", session.Instructions ?? string.Empty);
        if (beta)
        {
            WriteBetaSession(json, session);
        }
        else
        {
            WriteGaSession(json, session);
        }

        json.WritePropertyName("voicehelper");
        json.WriteStartObject();
        json.WriteString("conversation_id", conversationId);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteGaSession(Utf8JsonWriter json, VoiceSessionConfig session)
    {
        json.WriteString("type", "realtime");
        json.WriteStartArray("output_modalities");
        json.WriteStringValue("audio");
        json.WriteEndArray();
        json.WriteStartObject("audio");
        json.WriteStartObject("input");
        WriteFormat(json, session.InputFormat, session.InputRate);
        json.WritePropertyName("transcription");
        if (session.TranscriptionModel is { } transcriptionModel)
        {
            json.WriteStartObject();
            json.WriteString("model", transcriptionModel);
            json.WriteEndObject();
        }
        else
        {
            json.WriteNullValue();
        }

        json.WritePropertyName("turn_detection");
        WriteTurnDetection(json, session.TurnDetection);
        json.WriteEndObject();
        json.WriteStartObject("output");
        WriteFormat(json, session.OutputFormat, session.OutputRate);
        json.WriteString("voice", session.Voice ?? "alloy");
        json.WriteNumber("speed", 1.0);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteBetaSession(Utf8JsonWriter json, VoiceSessionConfig session)
    {
        json.WriteStartArray("modalities");
        json.WriteStringValue("audio");
        json.WriteStringValue("text");
        json.WriteEndArray();
        json.WriteString("voice", session.Voice ?? "alloy");
        json.WriteString("input_audio_format", BetaFormatName(session.InputFormat));
        json.WriteString("output_audio_format", BetaFormatName(session.OutputFormat));
        json.WritePropertyName("input_audio_transcription");
        if (session.TranscriptionModel is { } transcriptionModel)
        {
            json.WriteStartObject();
            json.WriteString("model", transcriptionModel);
            json.WriteEndObject();
        }
        else
        {
            json.WriteNullValue();
        }

        json.WritePropertyName("turn_detection");
        WriteTurnDetection(json, session.TurnDetection);
    }

    private static void WriteFormat(Utf8JsonWriter json, VoiceAudioFormat format, int rate)
    {
        json.WriteStartObject("format");
        json.WriteString("type", format switch
        {
            VoiceAudioFormat.MuLaw => "audio/pcmu",
            VoiceAudioFormat.ALaw => "audio/pcma",
            _ => "audio/pcm",
        });
        if (format == VoiceAudioFormat.Pcm16)
        {
            json.WriteNumber("rate", rate);
        }

        json.WriteEndObject();
    }

    private static string BetaFormatName(VoiceAudioFormat format) => format switch
    {
        VoiceAudioFormat.MuLaw => "g711_ulaw",
        VoiceAudioFormat.ALaw => "g711_alaw",
        _ => "pcm16",
    };

    private static void WriteTurnDetection(Utf8JsonWriter json, VoiceTurnDetection? detection)
    {
        if (detection is null)
        {
            json.WriteNullValue();
            return;
        }

        json.WriteStartObject();
        json.WriteString("type", "server_vad");
        json.WriteNumber("threshold", Math.Round(detection.Threshold, 3));
        json.WriteNumber("prefix_padding_ms", detection.PrefixPaddingMs);
        json.WriteNumber("silence_duration_ms", detection.SilenceDurationMs);
        json.WriteBoolean("create_response", detection.CreateResponse);
        json.WriteBoolean("interrupt_response", detection.InterruptResponse);
        json.WriteEndObject();
    }

    private static void WriteUserItem(Utf8JsonWriter json, VoiceEvent voiceEvent)
    {
        json.WriteStartObject();
        json.WriteString("id", voiceEvent.ItemId);
        json.WriteString("object", "realtime.item");
        json.WriteString("type", "message");
        json.WriteString("status", "completed");
        json.WriteString("role", "user");
        json.WriteStartArray("content");
        json.WriteStartObject();
        if (voiceEvent.IsTypedText)
        {
            json.WriteString("type", "input_text");
            json.WriteString("text", voiceEvent.Text);
        }
        else
        {
            json.WriteString("type", "input_audio");
            if (voiceEvent.Text is null)
            {
                json.WriteNull("transcript");
            }
            else
            {
                json.WriteString("transcript", voiceEvent.Text);
            }
        }

        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private void WriteAssistantItem(Utf8JsonWriter json, VoiceEvent voiceEvent)
    {
        var done = voiceEvent.Kind == VoiceEventKind.OutputItemDone;
        json.WriteStartObject();
        json.WriteString("id", voiceEvent.ItemId);
        json.WriteString("object", "realtime.item");
        json.WriteString("type", "message");
        var status = "in_progress";
        if (done)
        {
            status = voiceEvent.Status == VoiceResponseStatus.Completed ? "completed" : "incomplete";
        }

        json.WriteString("status", status);
        json.WriteString("role", "assistant");
        json.WriteStartArray("content");
        if (done)
        {
            json.WriteStartObject();
            json.WriteString("type", AudioPartType);
            json.WriteString("transcript", voiceEvent.Text ?? string.Empty);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        if (voiceEvent.TurnId is { } turnId)
        {
            json.WriteStartObject("voicehelper");
            json.WriteString("turn_id", turnId);
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    private static void WritePosition(Utf8JsonWriter json, VoiceEvent voiceEvent)
    {
        json.WriteString("response_id", voiceEvent.ResponseId);
        json.WriteString("item_id", voiceEvent.ItemId);
        json.WriteNumber("output_index", 0);
        json.WriteNumber("content_index", 0);
    }

    private void WriteResponse(Utf8JsonWriter json, VoiceEvent voiceEvent, string status, IReadOnlyList<VoiceEvent> output)
    {
        json.WriteStartObject();
        json.WriteString("id", voiceEvent.ResponseId);
        json.WriteString("object", "realtime.response");
        json.WriteString("status", status);
        json.WritePropertyName("status_details");
        WriteStatusDetails(json, voiceEvent, status);
        json.WriteStartArray(beta ? "modalities" : "output_modalities");
        json.WriteStringValue("audio");
        json.WriteEndArray();
        json.WriteStartArray("output");
        foreach (var item in output.Where(item => item.ItemId is not null))
        {
            WriteAssistantItem(json, item with { Kind = VoiceEventKind.OutputItemDone, Text = null });
        }

        json.WriteEndArray();
        json.WriteNull("usage");
        if (voiceEvent.Kind == VoiceEventKind.ResponseDone)
        {
            WriteExtension(json, voiceEvent);
        }

        json.WriteEndObject();
    }

    private static void WriteStatusDetails(Utf8JsonWriter json, VoiceEvent voiceEvent, string status)
    {
        if (status is "in_progress" or "completed")
        {
            json.WriteNullValue();
            return;
        }

        json.WriteStartObject();
        json.WriteString("type", status);
        if (voiceEvent.Reason is { } reason)
        {
            json.WriteString("reason", reason);
        }

        if (voiceEvent.Error is { } error)
        {
            json.WriteStartObject("error");
            json.WriteString("type", error.Type);
            json.WriteString("code", error.Code);
            json.WriteString("message", error.Message);
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    private static void WriteExtension(Utf8JsonWriter json, VoiceEvent voiceEvent)
    {
        json.WriteStartObject("voicehelper");
        if (voiceEvent.TurnId is { } turnId)
        {
            json.WriteString("turn_id", turnId);
        }
        else
        {
            json.WriteNull("turn_id");
        }

        json.WriteNumber("audio_seconds", Math.Round(voiceEvent.AudioSeconds ?? 0, 3));
        json.WriteStartArray("sources");
        foreach (var source in voiceEvent.Sources ?? [])
        {
            WriteSource(json, source);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteSource(Utf8JsonWriter json, AnswerCitation source)
    {
        json.WriteStartObject();
        json.WriteString("document_id", source.DocumentId);
        json.WriteString("title", source.Title);
        json.WriteString("heading", source.Heading);
        if (source.Page is { } page)
        {
            json.WriteNumber("page", page);
        }
        else
        {
            json.WriteNull("page");
        }

        json.WriteString("quote", source.Quote);
        json.WriteEndObject();
    }

    private static void WriteError(Utf8JsonWriter json, VoiceError error)
    {
        json.WriteStartObject("error");
        json.WriteString("type", error.Type);
        json.WriteString("code", error.Code);
        json.WriteString("message", error.Message);
        json.WriteString("param", error.Param);
        json.WriteString("event_id", error.ClientEventId);
        json.WriteEndObject();
    }

    private static string StatusName(VoiceResponseStatus? status) => status switch
    {
        VoiceResponseStatus.Completed => "completed",
        VoiceResponseStatus.Cancelled => "cancelled",
        VoiceResponseStatus.Failed => "failed",
        _ => "in_progress",
    };
}
