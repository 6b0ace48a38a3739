using System.Text;
using System.Text.Json;
using VoiceHelper.Speech.Audio;
using VoiceHelper.Speech.Recognition;
using VoiceHelper.Speech.Synthesis;
using VoiceHelper.Speech.Tests.Infrastructure;

namespace VoiceHelper.Speech.Tests.Recognition;

[Trait("Category", "Unit")]
public sealed class OpenAIClientTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly LoopbackAudioServer _server = new();
    private readonly HttpClient _http = new();

    [Fact]
    public async Task Transcribe_SendsWaveFormAndReadsText()
    {
        _server.Respond = request => (200, "application/json", Encoding.UTF8.GetBytes("""{ "text": " he was not " }"""));
        var recognizer = new OpenAITranscriptionRecognizer(_http, Options("whisper-1"));

        var options = new RecognitionOptions("en", "context");
        var result = await recognizer.RecognizeAsync(new short[16_000], options, default).WaitAsync(Timeout);

        Assert.Equal("he was not", result.Text);
        var request = Assert.Single(_server.Requests);
        Assert.Equal("/v1/audio/transcriptions", request.Path);
        Assert.Equal("Bearer test-key", request.Authorization);
        var body = Encoding.Latin1.GetString(request.Body);
        Assert.Contains("name=model", body);
        Assert.Contains("whisper-1", body);
        Assert.Contains("name=language", body);
        Assert.Contains("RIFF", body);
    }

    [Fact]
    public async Task Transcribe_ServerError_RetriesThenSucceeds()
    {
        var calls = 0;
        _server.Respond = _ => ++calls == 1
            ? (503, "text/plain", "busy"u8.ToArray())
            : (200, "application/json", """{ "text": "ok" }"""u8.ToArray());
        var recognizer = new OpenAITranscriptionRecognizer(_http, Options("whisper-1"));

        var result = await recognizer.RecognizeAsync(new short[1_600], RecognitionOptions.Default, default).WaitAsync(Timeout);

        Assert.Equal("ok", result.Text);
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task Transcribe_BadRequest_ThrowsNonTransient()
    {
        _server.Respond = _ => (400, "application/json", """{ "error": { "message": "bad model" } }"""u8.ToArray());
        var recognizer = new OpenAITranscriptionRecognizer(_http, Options("nope"));

        var exception = await Assert.ThrowsAsync<SpeechEngineException>(
            () => recognizer.RecognizeAsync(new short[1_600], RecognitionOptions.Default, default));

        Assert.False(exception.IsTransient);
        Assert.Contains("bad model", exception.Message);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task Speech_StreamsPcmChunks()
    {
        var pcm = Pcm16.ToBytes(Signals.Sine(440, 24_000, 0.5));
        _server.Respond = _ => (200, "application/octet-stream", pcm);
        var synthesizer = new OpenAISpeechSynthesizer(_http, Options("tts-1"));

        var samples = new List<short>();
        await foreach (var chunk in synthesizer.SynthesizeAsync(new SynthesisRequest("Hello.", Voice: "nova"), default))
        {
            Assert.Equal(24_000, chunk.SampleRate);
            samples.AddRange(chunk.Samples);
        }

        Assert.Equal(Pcm16.FromBytes(pcm), samples);
        using var body = JsonDocument.Parse(Assert.Single(_server.Requests).Body);
        Assert.Equal("pcm", body.RootElement.GetProperty("response_format").GetString());
        Assert.Equal("nova", body.RootElement.GetProperty("voice").GetString());
    }

    [Fact]
    public void Options_InvalidEndpoint_Throws()
    {
        var exception = Assert.Throws<ArgumentException>(
            () => new OpenAITranscriptionRecognizer(_http, new OpenAIEndpointOptions { Endpoint = "ftp://x", Model = "m" }));

        Assert.Contains("Speech:Recognition:OpenAI:Endpoint", exception.Message);
    }

    public void Dispose()
    {
        _http.Dispose();
        _server.Dispose();
    }

    private OpenAIEndpointOptions Options(string model) =>
        new() { Endpoint = _server.BaseUrl + "v1", Model = model, ApiKey = "test-key", MaxRetries = 1 };
}
