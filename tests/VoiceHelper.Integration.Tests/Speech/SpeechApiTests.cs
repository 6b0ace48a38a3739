using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using OpenAI.Audio;
using VoiceHelper.Integration.Tests.Infrastructure;
using static VoiceHelper.Integration.Tests.Infrastructure.OpenAIClients;

namespace VoiceHelper.Integration.Tests.Speech;

/// <summary>
/// The speech endpoints of the real gateway and silo: Debian's recordings transcribed from WAVE and Ogg Opus, speech
/// synthesized as WAVE and PCM, the official OpenAI client's AudioClient, validation errors and usage.
/// </summary>
[Collection(ServiceCollection.Name)]
[Trait("Category", "Integration")]
public sealed class SpeechApiTests(ServiceFixture fixture)
{
    private const string Recordings = "/usr/share/pocketsphinx/test/data/librivox";
    private const string Recording = Recordings + "/sense_and_sensibility_01_austen_64kb-0880.wav";
    private const string Reference = "he was not an ill disposed young man";

    [Fact]
    public async Task Transcribe_WaveBody_ReturnsTranscript()
    {
        using var client = fixture.CreateClient(fixture.AdminKeyOfTenantA);
        using var content = new ByteArrayContent(await File.ReadAllBytesAsync(Recording));
        content.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");

        using var response = await client.PostAsync("/api/v1/speech/transcriptions", content).WaitAsync(Step);
        var body = await ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("pocketsphinx", body.GetProperty("engine").GetString());
        Assert.InRange(body.GetProperty("duration_seconds").GetDouble(), 2.9, 3.1);
        Assert.True(MatchingWords(body.GetProperty("text").GetString()!) >= 4, body.GetProperty("text").GetString());
    }

    [Fact]
    public async Task Transcribe_OggOpusForm_ReturnsTranscript()
    {
        using var client = fixture.CreateClient(fixture.AdminKeyOfTenantA);
        using var form = new MultipartFormDataContent { { new ByteArrayContent(EncodeOpus(Recording)), "file", "question.opus" } };

        using var response = await client.PostAsync("/api/v1/speech/transcriptions?language=en", form).WaitAsync(Step);
        var body = await ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(MatchingWords(body.GetProperty("text").GetString()!) >= 4, body.GetProperty("text").GetString());
    }

    [Fact]
    public async Task Transcribe_OwnKnowledgeBase_ReturnsTranscript()
    {
        using var client = fixture.CreateClient(fixture.AdminKeyOfTenantA);
        using var created = await client.PostAsJsonAsync("/api/v1/knowledge-bases", new { name = $"speech-{Guid.NewGuid():N}" });
        var knowledgeBaseId = (await ReadJsonAsync(created)).GetProperty("id").GetGuid();
        using var content = new ByteArrayContent(await File.ReadAllBytesAsync(Recording));
        content.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");

        using var response = await client.PostAsync(
            $"/api/v1/speech/transcriptions?knowledge_base_id={knowledgeBaseId}", content).WaitAsync(Step);
        var body = await ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(MatchingWords(body.GetProperty("text").GetString()!) >= 4, body.GetProperty("text").GetString());
    }

    [Fact]
    public async Task Transcribe_KnowledgeBaseOfChapter_LowersErrors()
    {
        using var client = fixture.CreateClient(fixture.AdminKeyOfTenantA);
        using var created = await client.PostAsJsonAsync("/api/v1/knowledge-bases", new { name = $"chapter-{Guid.NewGuid():N}" });
        var knowledgeBaseId = (await ReadJsonAsync(created)).GetProperty("id").GetGuid();
        // The other four sentences of the recording's chapter, from the package's transcript; never its own sentence.
        var chapter = File.ReadLines(Recordings + "/transcription")
            .Where(line => !line.Contains("-0880)", StringComparison.Ordinal))
            .Select(line => line[3..line.IndexOf("</s>", StringComparison.Ordinal)].Trim() + ".");
        using var document = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(string.Join("\n\n", chapter)));
        using var form = new MultipartFormDataContent { { document, "file", "chapter.txt" } };
        using var upload = await client.PostAsync($"/api/v1/knowledge-bases/{knowledgeBaseId}/documents", form).WaitAsync(Step);
        var documentId = (await ReadJsonAsync(upload)).GetProperty("id").GetGuid();
        await WaitUntilIndexedAsync(client, knowledgeBaseId, documentId);

        var plain = await TranscribeAsync(client, "/api/v1/speech/transcriptions");
        var biased = await TranscribeAsync(client, $"/api/v1/speech/transcriptions?knowledge_base_id={knowledgeBaseId}");

        var plainErrors = Reference.Split(' ').Length - MatchingWords(plain);
        var biasedErrors = Reference.Split(' ').Length - MatchingWords(biased);
        Assert.True(biasedErrors < plainErrors, $"Without the knowledge base: '{plain}'; with it: '{biased}'.");
    }

    [Fact]
    public async Task Transcribe_UnknownKnowledgeBase_Returns404()
    {
        using var client = fixture.CreateClient(fixture.AdminKeyOfTenantA);
        using var content = new ByteArrayContent(await File.ReadAllBytesAsync(Recording));
        content.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");

        using var response = await client.PostAsync(
            $"/api/v1/speech/transcriptions?knowledge_base_id={Guid.NewGuid()}", content).WaitAsync(Step);
        var problem = await ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("knowledge_base_not_found", problem.GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("not audio at all", HttpStatusCode.UnsupportedMediaType, "unsupported_audio_format")]
    [InlineData("RIFF\u0010\u0000\u0000\u0000WAVEjunkjunk", HttpStatusCode.BadRequest, "invalid_audio")]
    public async Task Transcribe_BadAudio_ReturnsProblem(string content, HttpStatusCode status, string code)
    {
        using var client = fixture.CreateClient(fixture.AdminKeyOfTenantA);
        using var body = new ByteArrayContent(System.Text.Encoding.Latin1.GetBytes(content));
        body.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");

        using var response = await client.PostAsync("/api/v1/speech/transcriptions", body).WaitAsync(Step);
        var problem = await ReadJsonAsync(response);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(code, problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Transcribe_LongerThanLimit_Returns400()
    {
        using var client = fixture.CreateClient(fixture.AdminKeyOfTenantA);
        using var body = new ByteArrayContent(Wave(new short[16_000 * 61], 16_000));
        body.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");

        using var response = await client.PostAsync("/api/v1/speech/transcriptions", body).WaitAsync(Step);
        var problem = await ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("limit is 60", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Transcribe_TextPlain_Returns415()
    {
        using var client = fixture.CreateClient(fixture.AdminKeyOfTenantA);

        using var response = await client.PostAsync("/api/v1/speech/transcriptions", new StringContent("hello")).WaitAsync(Step);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task Synthesize_Wave_ReturnsSpeechAndCountsUsage()
    {
        var key = await fixture.CreateKeyAsync($"speech-{Guid.NewGuid():N}", admin: false);
        using var client = fixture.CreateClient(key);

        using var response = await client.PostAsJsonAsync("/api/v1/speech/synthesis",
            new { text = "The weather is good today. Please open the door.", sample_rate = 16_000 }).WaitAsync(Step);
        var audio = await response.Content.ReadAsByteArrayAsync();
        using var usage = await client.GetAsync("/api/v1/usage").WaitAsync(Step);
        var usageBody = await ReadJsonAsync(usage);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("audio/wav", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("RIFF", System.Text.Encoding.ASCII.GetString(audio, 0, 4));
        Assert.Equal(16_000, BitConverter.ToInt32(audio, 24));
        var seconds = (audio.Length - 44) / 2 / 16_000.0;
        Assert.InRange(seconds, 1.5, 6.0);
        Assert.Equal(0, usageBody.GetProperty("audio_seconds").GetDouble());
        Assert.Equal(seconds, usageBody.GetProperty("audio_seconds_out").GetDouble(), 0.05);
    }

    [Fact]
    public async Task Transcribe_CountsAudioSecondsIn()
    {
        var key = await fixture.CreateKeyAsync($"speech-{Guid.NewGuid():N}", admin: false);
        using var client = fixture.CreateClient(key);
        using var content = new ByteArrayContent(await File.ReadAllBytesAsync(Recording));
        content.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");

        using var response = await client.PostAsync("/api/v1/speech/transcriptions", content).WaitAsync(Step);
        using var usage = await client.GetAsync("/api/v1/usage").WaitAsync(Step);
        var usageBody = await ReadJsonAsync(usage);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.InRange(usageBody.GetProperty("audio_seconds").GetDouble(), 2.9, 3.1);
    }

    [Fact]
    public async Task Synthesize_Pcm_StreamsSamplesAtRequestedRate()
    {
        using var client = fixture.CreateClient(fixture.AdminKeyOfTenantA);

        using var response = await client.PostAsJsonAsync("/api/v1/speech/synthesis",
            new { text = "今天天气很好。", format = "pcm" }).WaitAsync(Step);
        var audio = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("24000", response.Headers.GetValues("X-Sample-Rate").Single());
        Assert.Equal(0, audio.Length % 2);
        Assert.True(audio.Length > 24_000, $"Only {audio.Length} bytes of audio.");
    }

    [Theory]
    [InlineData("""{ "text": "" }""", "text")]
    [InlineData("""{ "text": "Hi.", "speed": 9 }""", "speed")]
    [InlineData("""{ "text": "Hi.", "format": "mp3" }""", "format")]
    [InlineData("""{ "text": "Hi.", "sample_rate": 100 }""", "sample_rate")]
    [InlineData("""{ "text": "Hi.", "voice": "no-such-voice" }""", null)]
    public async Task Synthesize_InvalidRequest_Returns400(string json, string? field)
    {
        using var client = fixture.CreateClient(fixture.AdminKeyOfTenantA);

        using var response = await client.PostAsync("/api/v1/speech/synthesis",
            new StringContent(json, System.Text.Encoding.UTF8, "application/json")).WaitAsync(Step);
        var problem = await ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("validation_failed", problem.GetProperty("code").GetString());
        if (field is not null)
        {
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        }
    }

    [Fact]
    public async Task OpenAIAudioClient_Transcribe_ReturnsText()
    {
        var client = Audio(fixture, "whisper-1", fixture.AdminKeyOfTenantA);
        await using var audio = File.OpenRead(Recording);

        var transcription = (await client.TranscribeAudioAsync(audio, "question.wav").WaitAsync(Step)).Value;

        Assert.True(MatchingWords(transcription.Text) >= 4, transcription.Text);
    }

    [Fact]
    public async Task OpenAIAudioClient_GenerateSpeech_ReturnsWave()
    {
        var client = Audio(fixture, "tts-1", fixture.AdminKeyOfTenantA);
        var options = new SpeechGenerationOptions { ResponseFormat = GeneratedSpeechFormat.Wav };

        var result = await client.GenerateSpeechAsync("Hello from VoiceHelper.", GeneratedSpeechVoice.Alloy, options).WaitAsync(Step);
        var speech = result.Value;

        var bytes = speech.ToArray();
        Assert.Equal("RIFF", System.Text.Encoding.ASCII.GetString(bytes, 0, 4));
        Assert.Equal(24_000, BitConverter.ToInt32(bytes, 24));
    }

    [Fact]
    public async Task OpenAISpeech_Mp3_ReturnsUnsupportedParameter()
    {
        using var client = fixture.CreateClient(fixture.AdminKeyOfTenantA);

        using var response = await client.PostAsJsonAsync("/v1/audio/speech",
            new { model = "tts-1", input = "Hi.", voice = "alloy", response_format = "mp3" }).WaitAsync(Step);
        var error = (await ReadJsonAsync(response)).GetProperty("error");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("unsupported_parameter", error.GetProperty("code").GetString());
        Assert.Equal("response_format", error.GetProperty("param").GetString());
    }

    private static async Task<string> TranscribeAsync(HttpClient client, string path)
    {
        using var content = new ByteArrayContent(await File.ReadAllBytesAsync(Recording));
        content.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");
        using var response = await client.PostAsync(path, content).WaitAsync(Step);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await ReadJsonAsync(response)).GetProperty("text").GetString()!;
    }

    private static async Task WaitUntilIndexedAsync(HttpClient client, Guid knowledgeBaseId, Guid documentId)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        while (true)
        {
            using var response = await client.GetAsync($"/api/v1/knowledge-bases/{knowledgeBaseId}/documents/{documentId}");
            var status = (await ReadJsonAsync(response)).GetProperty("status").GetString();
            if (status == "indexed")
            {
                return;
            }

            Assert.True(status != "failed" && DateTime.UtcNow < deadline,
                $"Document {documentId} is '{status}' after waiting up to 120 s for 'indexed'.");
            await Task.Delay(200);
        }
    }

    private static int MatchingWords(string text)
    {
        var heard = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
        return Reference.Split(' ').Count(heard.Contains);
    }

    private static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    private static byte[] EncodeOpus(string wavePath)
    {
        var output = Path.Combine(Path.GetTempPath(), $"voicehelper-{Guid.NewGuid():N}.opus");
        try
        {
            using var process = Process.Start(new ProcessStartInfo("/usr/bin/opusenc", ["--quiet", wavePath, output]))!;
            Assert.True(process.WaitForExit(30_000), "opusenc did not finish within 30 s.");
            Assert.Equal(0, process.ExitCode);
            return File.ReadAllBytes(output);
        }
        finally
        {
            File.Delete(output);
        }
    }

    private static byte[] Wave(short[] samples, int sampleRate)
    {
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);
        writer.Write("RIFF"u8);
        writer.Write(36 + samples.Length * 2);
        writer.Write("WAVEfmt "u8);
        writer.Write(16);
        writer.Write((short)1);
        writer.Write((short)1);
        writer.Write(sampleRate);
        writer.Write(sampleRate * 2);
        writer.Write((short)2);
        writer.Write((short)16);
        writer.Write("data"u8);
        writer.Write(samples.Length * 2);
        foreach (var sample in samples)
        {
            writer.Write(sample);
        }

        writer.Flush();
        return stream.ToArray();
    }
}
