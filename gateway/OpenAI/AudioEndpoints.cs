using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using VoiceHelper.Gateway.Errors;
using VoiceHelper.Gateway.Json;
using VoiceHelper.Gateway.Speech;
using VoiceHelper.Grains.Knowledge;
using VoiceHelper.Grains.Speech;
using VoiceHelper.Gateway.Auth;

namespace VoiceHelper.Gateway.OpenAI;

/// <summary>
/// OpenAI's <c>POST /v1/audio/transcriptions</c> (multipart) and <c>POST /v1/audio/speech</c> (JSON), served by the
/// silo's speech engines. <c>model</c> is required as in OpenAI's API but any name is accepted, because the engines
/// are chosen by the operator. A transcription model that names a knowledge base biases recognition toward its
/// passages.
/// </summary>
public static class AudioEndpoints
{
    private const string TranscriptionExample = "curl -F file=@question.wav -F model=whisper-1";
    // Knowledge base names are at most 100 characters, and the transcription model may name one.
    private const int KnowledgeBaseNameMaxLength = 100;
    private const string SpeechExample = """{ "model": "tts-1", "input": "Hello.", "voice": "alloy", "response_format": "wav" }""";

    public static RouteGroupBuilder MapAudioEndpoints(this RouteGroupBuilder group)
    {
        group.MapPost("/audio/transcriptions", TranscribeAsync)
            .WithMetadata(new RequestSizeLimitAttribute(SpeechLimits.MaxUploadBytes + 64 * 1024));
        group.MapPost("/audio/speech", SpeakAsync);
        return group;
    }

    private static async Task<IResult> TranscribeAsync(HttpRequest request, ClaimsPrincipal user, IClusterClient cluster)
    {
        if (!request.HasFormContentType)
        {
            throw new ApiProblemException(StatusCodes.Status415UnsupportedMediaType, ProblemCodes.UnsupportedMediaType,
                $"Send multipart/form-data with the audio in the field 'file', as in: {TranscriptionExample}.");
        }

        var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
        var file = form.Files.GetFile("file")
            ?? throw ApiProblemException.InvalidField(
                "file", $"The form has no file in the field 'file'. Send one as in: {TranscriptionExample}.");
        var model = TextFields.Require("model", form["model"].FirstOrDefault(), KnowledgeBaseNameMaxLength, TranscriptionExample);
        var format = form["response_format"].FirstOrDefault()?.Trim().ToLowerInvariant() ?? "json";
        if (format is not ("json" or "text" or "verbose_json"))
        {
            throw new ApiProblemException(StatusCodes.Status400BadRequest, ProblemCodes.UnsupportedParameter,
                $"response_format '{format}' is not supported. Use json, text or verbose_json.",
                new Dictionary<string, string[]> { ["response_format"] = ["Use json, text or verbose_json."] });
        }

        var content = await SpeechAudio.ReadUploadAsync(request, file);
        // A model that names one of the tenant's knowledge bases biases recognition toward it; whisper-1 and other
        // model names do not.
        var bases = await cluster.GetGrain<ITenantKnowledgeGrain>(user.GetTenantId()).ListAsync();
        var knowledgeBase = KnowledgeBaseResolver.Find(bases, model.Trim());
        var transcript = await SpeechAudio.TranscribeAsync(
            cluster, user, content, form["language"].FirstOrDefault(), form["prompt"].FirstOrDefault(), knowledgeBase?.Id);
        return format switch
        {
            "text" => TypedResults.Text(transcript.Text + "\n", "text/plain"),
            "verbose_json" => TypedResults.Json(new
            {
                task = "transcribe",
                language = transcript.Language,
                duration = Math.Round(transcript.DurationSeconds, 3),
                text = transcript.Text,
            }),
            _ => TypedResults.Json(new { text = transcript.Text }),
        };
    }

    private static async Task SpeakAsync(HttpContext context, IClusterClient cluster)
    {
        var body = await RequestBody.ReadAsync<OpenAISpeechBody>(context.Request, SpeechExample);
        TextFields.Require("model", body.Model, SpeechLimits.MaxNameLength, SpeechExample);
        var input = TextFields.Require("input", body.Input, SpeechLimits.MaxSpeechTextLength, SpeechExample);
        // OpenAI's default is mp3, which VoiceHelper does not encode; clients that omit the format get the same error.
        var format = body.ResponseFormat?.Trim().ToLowerInvariant() ?? "mp3";
        if (format is not ("wav" or "pcm"))
        {
            throw new ApiProblemException(StatusCodes.Status400BadRequest, ProblemCodes.UnsupportedParameter,
                $"response_format '{format}' is not supported. Use wav or pcm (24 kHz 16-bit mono little-endian).",
                new Dictionary<string, string[]> { ["response_format"] = ["Use wav or pcm."] });
        }

        var request = new SpeechSynthesisRequest(input,
            TextFields.Optional("voice", body.Voice, SpeechLimits.MaxNameLength)?.Trim(), null,
            SpeechEndpoints.CheckSpeed("speed", body.Speed), SpeechLimits.DefaultSampleRate);
        await SpeechAudio.WriteAsync(context, cluster, request, wave: format == "wav");
    }
}
