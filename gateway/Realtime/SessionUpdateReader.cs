using System.Text.Json;
using VoiceHelper.Grains.Voice;

namespace VoiceHelper.Gateway.Realtime;

/// <summary>
/// Reads the <c>session</c> object of a <c>session.update</c> in the GA shape (<c>audio.input.format</c>, ...) or the
/// beta shape (<c>input_audio_format</c>, ...). Fields that VoiceHelper does not use, such as <c>tools</c>, are ignored.
/// </summary>
internal static class SessionUpdateReader
{
    /// <summary>Returns the changes, or null with a message that names the invalid field.</summary>
    public static VoiceSessionUpdate? Read(JsonElement session, out string? problem)
    {
        problem = null;
        if (session.ValueKind != JsonValueKind.Object)
        {
            problem = "Field 'session' must be an object with the settings to change.";
            return null;
        }

        try
        {
            return ReadSession(session);
        }
        catch (InvalidSettingException exception)
        {
            problem = exception.Message;
            return null;
        }
    }

    private static VoiceSessionUpdate ReadSession(JsonElement session)
    {
        if (String(session, "type", "session.type") is { } type && type != "realtime")
        {
            throw new InvalidSettingException(
                $"session.type is '{type}', but only 'realtime' sessions are served on this endpoint.");
        }

        var update = new VoiceSessionUpdate
        {
            Instructions = String(session, "instructions", "session.instructions"),
            Voice = String(session, "voice", "session.voice"),
        };
        update = ReadBeta(session, update);
        if (session.TryGetProperty("audio", out var audio) && audio.ValueKind == JsonValueKind.Object)
        {
            update = ReadAudio(audio, update);
        }

        return update;
    }

    private static VoiceSessionUpdate ReadBeta(JsonElement session, VoiceSessionUpdate update)
    {
        if (String(session, "input_audio_format", "session.input_audio_format") is { } input)
        {
            update = update with { InputFormat = BetaFormat(input, "session.input_audio_format") };
        }

        if (String(session, "output_audio_format", "session.output_audio_format") is { } output)
        {
            update = update with { OutputFormat = BetaFormat(output, "session.output_audio_format") };
        }

        if (session.TryGetProperty("turn_detection", out var detection))
        {
            update = update with { SetTurnDetection = true, TurnDetection = TurnDetection(detection, "session.turn_detection") };
        }

        if (session.TryGetProperty("input_audio_transcription", out var transcription))
        {
            update = update with { TranscriptionModel = TranscriptionModel(transcription, "session.input_audio_transcription") };
        }

        return update;
    }

    private static VoiceSessionUpdate ReadAudio(JsonElement audio, VoiceSessionUpdate update)
    {
        if (audio.TryGetProperty("input", out var input) && input.ValueKind == JsonValueKind.Object)
        {
            if (input.TryGetProperty("format", out var format))
            {
                var (kind, rate) = Format(format, "session.audio.input.format");
                update = update with { InputFormat = kind, InputRate = rate };
            }

            if (input.TryGetProperty("turn_detection", out var detection))
            {
                update = update with { SetTurnDetection = true, TurnDetection = TurnDetection(detection, "session.audio.input.turn_detection") };
            }

            if (input.TryGetProperty("transcription", out var transcription))
            {
                update = update with { TranscriptionModel = TranscriptionModel(transcription, "session.audio.input.transcription") };
            }
        }

        if (audio.TryGetProperty("output", out var output) && output.ValueKind == JsonValueKind.Object)
        {
            if (output.TryGetProperty("format", out var format))
            {
                var (kind, rate) = Format(format, "session.audio.output.format");
                update = update with { OutputFormat = kind, OutputRate = rate };
            }

            update = update with { Voice = String(output, "voice", "session.audio.output.voice") ?? update.Voice };
        }

        return update;
    }

    private static (VoiceAudioFormat Format, int? Rate) Format(JsonElement format, string name)
    {
        if (format.ValueKind == JsonValueKind.String)
        {
            // Some clients send the beta names inside the GA shape.
            return (BetaFormat(format.GetString()!, name), null);
        }

        var type = String(format, "type", name + ".type")
            ?? throw new InvalidSettingException($"{name}.type is missing. Use audio/pcm, audio/pcmu or audio/pcma.");
        var kind = type switch
        {
            "audio/pcm" => VoiceAudioFormat.Pcm16,
            "audio/pcmu" => VoiceAudioFormat.MuLaw,
            "audio/pcma" => VoiceAudioFormat.ALaw,
            _ => throw new InvalidSettingException($"{name}.type is '{type}', but must be audio/pcm, audio/pcmu or audio/pcma."),
        };
        return (kind, Integer(format, "rate", name + ".rate"));
    }

    private static VoiceAudioFormat BetaFormat(string value, string name) => value switch
    {
        "pcm16" or "audio/pcm" => VoiceAudioFormat.Pcm16,
        "g711_ulaw" or "audio/pcmu" => VoiceAudioFormat.MuLaw,
        "g711_alaw" or "audio/pcma" => VoiceAudioFormat.ALaw,
        _ => throw new InvalidSettingException($"{name} is '{value}', but must be pcm16, g711_ulaw or g711_alaw."),
    };

    private static VoiceTurnDetection? TurnDetection(JsonElement detection, string name)
    {
        if (detection.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (detection.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidSettingException($"{name} must be an object or null.");
        }

        var type = String(detection, "type", name + ".type") ?? "server_vad";
        if (type != "server_vad")
        {
            throw new InvalidSettingException(
                $"{name}.type is '{type}', but only server_vad is supported; set turn_detection to null to commit turns yourself.");
        }

        var defaults = VoiceTurnDetection.Default;
        return new VoiceTurnDetection(
            (float)(Number(detection, "threshold", name + ".threshold") ?? defaults.Threshold),
            Integer(detection, "prefix_padding_ms", name + ".prefix_padding_ms") ?? defaults.PrefixPaddingMs,
            Integer(detection, "silence_duration_ms", name + ".silence_duration_ms") ?? defaults.SilenceDurationMs,
            Boolean(detection, "create_response", name + ".create_response") ?? defaults.CreateResponse,
            Boolean(detection, "interrupt_response", name + ".interrupt_response") ?? defaults.InterruptResponse);
    }

    private static string? TranscriptionModel(JsonElement transcription, string name) =>
        transcription.ValueKind == JsonValueKind.Object ? String(transcription, "model", name + ".model") : null;

    private static string? String(JsonElement parent, string property, string name)
    {
        if (!parent.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new InvalidSettingException($"{name} must be a string, not {value.ValueKind.ToString().ToLowerInvariant()}.");
    }

    private static double? Number(JsonElement parent, string property, string name)
    {
        if (!parent.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number
            ? value.GetDouble()
            : throw new InvalidSettingException($"{name} must be a number, not {value.ValueKind.ToString().ToLowerInvariant()}.");
    }

    private static int? Integer(JsonElement parent, string property, string name)
    {
        var number = Number(parent, property, name);
        return number switch
        {
            null => null,
            >= int.MinValue and <= int.MaxValue when Math.Floor(number.Value) == number.Value => (int)number.Value,
            _ => throw new InvalidSettingException($"{name} is {number}, but must be a whole number."),
        };
    }

    private static bool? Boolean(JsonElement parent, string property, string name)
    {
        if (!parent.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? value.GetBoolean()
            : throw new InvalidSettingException($"{name} must be true or false.");
    }

    private sealed class InvalidSettingException(string message) : Exception(message);
}
