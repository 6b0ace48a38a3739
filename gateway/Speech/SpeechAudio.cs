using System.Security.Claims;
using VoiceHelper.Gateway.Auth;
using VoiceHelper.Gateway.Errors;
using VoiceHelper.Gateway.Json;
using VoiceHelper.Grains.Speech;

namespace VoiceHelper.Gateway.Speech;

/// <summary>Reads uploaded audio and writes synthesized audio for the REST and OpenAI-shaped speech endpoints.</summary>
internal static class SpeechAudio
{
    public const string UploadExample = "curl --data-binary @question.wav -H 'Content-Type: audio/wav'";

    private static readonly HashSet<string> RawAudioTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "audio/wav", "audio/wave", "audio/x-wav", "audio/vnd.wave", "audio/ogg", "audio/opus", "application/ogg",
        "application/octet-stream",
    };

    /// <summary>Reads the audio file of a request: the body itself, or the multipart field <c>file</c>.</summary>
    public static async Task<byte[]> ReadUploadAsync(HttpRequest request, IFormFile? formFile)
    {
        if (formFile is not null)
        {
            CheckSize(formFile.Length);
            var content = new byte[formFile.Length];
            await using var stream = formFile.OpenReadStream();
            await stream.ReadExactlyAsync(content, request.HttpContext.RequestAborted);
            return content;
        }

        var mediaType = request.ContentType?.Split(';', 2)[0].Trim();
        if (mediaType is null || !RawAudioTypes.Contains(mediaType))
        {
            throw new ApiProblemException(StatusCodes.Status415UnsupportedMediaType, ProblemCodes.UnsupportedMediaType,
                $"Send the audio as the body with Content-Type audio/wav or audio/ogg, or as multipart/form-data in the " +
                $"field 'file', not as '{request.ContentType}'. For example: {UploadExample}.");
        }

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        CheckSize(buffer.Length);
        return buffer.ToArray();
    }

    /// <summary>
    /// Sends a file to the recognition grain with the endpoint's limits, biased toward a knowledge base when
    /// <paramref name="knowledgeBaseId"/> is set.
    /// </summary>
    public static Task<SpeechTranscript> TranscribeAsync(
        IClusterClient cluster, ClaimsPrincipal user, byte[] content, string? language, string? prompt, Guid? knowledgeBaseId) =>
        cluster.GetGrain<ISpeechRecognitionGrain>(0).TranscribeFileAsync(user.GetTenantId(), new TranscriptionFile(
            content,
            TextFields.Optional("language", language, SpeechLimits.MaxNameLength)?.Trim(),
            TextFields.Optional("prompt", prompt, SpeechLimits.MaxPromptLength),
            SpeechLimits.MaxTranscriptionDuration,
            knowledgeBaseId));

    /// <summary>
    /// Writes synthesized speech as the response: a WAVE file once all audio is ready, or raw 16-bit little-endian
    /// PCM streamed chunk by chunk.
    /// </summary>
    public static async Task WriteAsync(HttpContext context, IClusterClient cluster, SpeechSynthesisRequest request, bool wave)
    {
        var user = context.User;
        var aborted = context.RequestAborted;
        var chunks = cluster.GetGrain<ISpeechSynthesisGrain>(0).SynthesizeAsync(user.GetTenantId(), request, aborted);
        var response = context.Response;
        if (wave)
        {
            var samples = new List<short>();
            await foreach (var chunk in chunks.WithCancellation(aborted))
            {
                samples.AddRange(chunk.Samples);
            }

            response.ContentType = "audio/wav";
            await response.Body.WriteAsync(PcmEncoding.ToWave(samples, request.SampleRate), aborted);
            return;
        }

        await using var enumerator = chunks.GetAsyncEnumerator(aborted);
        // The first chunk is awaited before the headers go out, so that a rejected request still gets an error status.
        var hasChunk = await enumerator.MoveNextAsync();
        response.ContentType = "application/octet-stream";
        response.Headers["X-Sample-Rate"] = request.SampleRate.ToString(System.Globalization.CultureInfo.InvariantCulture);
        while (hasChunk)
        {
            await response.Body.WriteAsync(PcmEncoding.ToBytes(enumerator.Current.Samples), aborted);
            await response.Body.FlushAsync(aborted);
            hasChunk = await enumerator.MoveNextAsync();
        }
    }

    private static void CheckSize(long length)
    {
        if (length == 0)
        {
            throw ApiProblemException.InvalidField("file", $"The audio is empty. Send a WAVE or Ogg Opus file, as in: {UploadExample}.");
        }

        if (length > SpeechLimits.MaxUploadBytes)
        {
            throw new ApiProblemException(StatusCodes.Status413PayloadTooLarge, ProblemCodes.PayloadTooLarge,
                $"The audio has {length} bytes; the maximum is {SpeechLimits.MaxUploadBytes} (25 MiB).");
        }
    }
}
