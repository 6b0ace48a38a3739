using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using VoiceHelper.Gateway.Errors;
using VoiceHelper.Gateway.Hosting;
using VoiceHelper.Gateway.Json;
using VoiceHelper.Grains.Speech;

namespace VoiceHelper.Gateway.Speech;

/// <summary>
/// <c>POST /api/v1/speech/transcriptions</c> (a WAVE or Ogg Opus file to text) and <c>POST /api/v1/speech/synthesis</c>
/// (text to a WAVE file or streamed PCM).
/// </summary>
public static class SpeechEndpoints
{
    private const string SynthesisExample = """{ "text": "Hello.", "voice": null, "language": "en", "speed": 1, "format": "wav" }""";

    public static IEndpointRouteBuilder MapSpeechEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/speech").RequireAuthorization().RequireClusterConnection();
        group.MapPost("/transcriptions", TranscribeAsync)
            .WithMetadata(new RequestSizeLimitAttribute(SpeechLimits.MaxUploadBytes + 64 * 1024));
        group.MapPost("/synthesis", SynthesizeAsync);
        return endpoints;
    }

    private static async Task<IResult> TranscribeAsync(HttpRequest request, ClaimsPrincipal user, IClusterClient cluster)
    {
        IFormFile? file = null;
        string? language = request.Query["language"];
        string? prompt = request.Query["prompt"];
        string? knowledgeBase = request.Query["knowledge_base_id"];
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
            file = form.Files.GetFile("file") ?? throw ApiProblemException.InvalidField(
                "file", $"The form has no file in the field 'file'. Send one as in: curl -F file=@question.wav.");
            language = form["language"].FirstOrDefault() ?? language;
            prompt = form["prompt"].FirstOrDefault() ?? prompt;
            knowledgeBase = form["knowledge_base_id"].FirstOrDefault() ?? knowledgeBase;
        }

        var content = await SpeechAudio.ReadUploadAsync(request, file);
        var knowledgeBaseId = string.IsNullOrWhiteSpace(knowledgeBase) ? (Guid?)null : ParseKnowledgeBaseId(knowledgeBase);
        var transcript = await SpeechAudio.TranscribeAsync(cluster, user, content, language, prompt, knowledgeBaseId);
        return TypedResults.Ok(new TranscriptionResponse(
            transcript.Text, transcript.Language, Math.Round(transcript.DurationSeconds, 3), transcript.Engine));
    }

    private static async Task SynthesizeAsync(HttpContext context, IClusterClient cluster)
    {
        var body = await RequestBody.ReadAsync<SynthesisBody>(context.Request, SynthesisExample);
        var text = TextFields.Require("text", body.Text, SpeechLimits.MaxSpeechTextLength, SynthesisExample);
        var format = body.Format?.Trim().ToLowerInvariant() ?? "wav";
        if (format is not ("wav" or "pcm"))
        {
            throw ApiProblemException.InvalidField("format", $"Format '{body.Format}' is not supported. Use 'wav' or 'pcm'.");
        }

        var request = new SpeechSynthesisRequest(
            text,
            TextFields.Optional("voice", body.Voice, SpeechLimits.MaxNameLength)?.Trim(),
            TextFields.Optional("language", body.Language, SpeechLimits.MaxNameLength)?.Trim(),
            CheckSpeed("speed", body.Speed),
            CheckSampleRate(body.SampleRate));
        await SpeechAudio.WriteAsync(context, cluster, request, wave: format == "wav");
    }

    private static Guid ParseKnowledgeBaseId(string value) =>
        Guid.TryParse(value, out var id)
            ? id
            : throw ApiProblemException.InvalidField(
                "knowledge_base_id", $"Parameter 'knowledge_base_id' is '{value}', which is not a UUID.");

    internal static float CheckSpeed(string field, float? speed)
    {
        var value = speed ?? 1f;
        return value is >= 0.25f and <= 4f
            ? value
            : throw ApiProblemException.InvalidField(field, $"Field '{field}' is {value}, but must be between 0.25 and 4.");
    }

    private static int CheckSampleRate(int? sampleRate)
    {
        var value = sampleRate ?? SpeechLimits.DefaultSampleRate;
        return value is >= SpeechSynthesisRequest.MinSampleRate and <= SpeechSynthesisRequest.MaxSampleRate
            ? value
            : throw ApiProblemException.InvalidField("sample_rate",
                $"Field 'sample_rate' is {value}, but must be between {SpeechSynthesisRequest.MinSampleRate} and " +
                $"{SpeechSynthesisRequest.MaxSampleRate} Hz.");
    }
}
