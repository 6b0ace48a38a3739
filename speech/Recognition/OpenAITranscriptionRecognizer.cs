using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using VoiceHelper.Speech.Audio;
using VoiceHelper.Speech.Internal;
using VoiceHelper.Speech.Logging;

namespace VoiceHelper.Speech.Recognition;

/// <summary>
/// Recognition by a server that implements OpenAI's <c>POST /audio/transcriptions</c>. Each utterance is sent as a
/// 16 kHz WAVE file in a multipart form with <c>response_format=json</c>. The API accepts whole files only, so
/// streams buffer their audio and report no partial transcripts.
/// </summary>
public sealed class OpenAITranscriptionRecognizer : ISpeechRecognizer
{
    /// <summary>The configuration section of the options.</summary>
    public const string SectionName = "Speech:Recognition:OpenAI";

    private readonly OpenAIEndpointOptions _options;
    private readonly OpenAIAudioClient _client;

    /// <summary>Creates the client; <paramref name="http"/> is used as is and not disposed.</summary>
    /// <exception cref="ArgumentException">An option is invalid; the message lists each.</exception>
    public OpenAITranscriptionRecognizer(
        HttpClient http, OpenAIEndpointOptions options, ILogger<OpenAITranscriptionRecognizer>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate(SectionName);
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(options));
        }

        _options = options;
        _client = new OpenAIAudioClient(http, options, logger ?? NullLogger<OpenAITranscriptionRecognizer>.Instance,
            SpeechLog.TranscriptionRetried, SpeechLog.TranscriptionServerFailed);
    }

    /// <inheritdoc/>
    public string Name => "openai";

    /// <inheritdoc/>
    public bool ProducesPartials => false;

    /// <inheritdoc/>
    public ValueTask<IRecognitionStream> StartStreamAsync(RecognitionOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        return ValueTask.FromResult<IRecognitionStream>(new BufferedStream(this, options));
    }

    /// <inheritdoc/>
    public async Task<RecognitionResult> RecognizeAsync(
        ReadOnlyMemory<short> samples, RecognitionOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var wave = WaveFile.Write(new AudioClip(samples.ToArray(), 16_000));
        using var response = await _client.SendAsync("audio/transcriptions", () => CreateForm(wave, options), cancellationToken)
            .ConfigureAwait(false);
        var text = await ReadTextAsync(response, cancellationToken).ConfigureAwait(false);
        return new RecognitionResult(text.Trim(), TimeSpan.FromSeconds(samples.Length / 16_000.0), Name, options.Language);
    }

    private MultipartFormDataContent CreateForm(byte[] wave, RecognitionOptions options)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(wave);
        file.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");
        form.Add(file, "file", "audio.wav");
        form.Add(new StringContent(_options.Model!), "model");
        form.Add(new StringContent("json"), "response_format");
        if (options.Language is { } language)
        {
            form.Add(new StringContent(language), "language");
        }

        if (options.Prompt is { } prompt)
        {
            form.Add(new StringContent(prompt), "prompt");
        }

        return form;
    }

    private async Task<string> ReadTextAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String)
            {
                return text.GetString()!;
            }
        }
        catch (JsonException exception)
        {
            throw new SpeechEngineException(
                $"The transcription server at {_client.Endpoint} returned invalid JSON: {exception.Message}",
                isTransient: false, exception);
        }

        throw new SpeechEngineException(
            $"The transcription server at {_client.Endpoint} returned JSON without a 'text' string.", isTransient: false);
    }

    private sealed class BufferedStream(OpenAITranscriptionRecognizer recognizer, RecognitionOptions options) : IRecognitionStream
    {
        private readonly List<short> _samples = [];

        public ValueTask<string?> WriteAsync(ReadOnlyMemory<short> samples, CancellationToken cancellationToken)
        {
            _samples.AddRange(samples.Span);
            return ValueTask.FromResult<string?>(null);
        }

        public async ValueTask<RecognitionResult> CompleteAsync(CancellationToken cancellationToken) =>
            await recognizer.RecognizeAsync(_samples.ToArray(), options, cancellationToken).ConfigureAwait(false);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
