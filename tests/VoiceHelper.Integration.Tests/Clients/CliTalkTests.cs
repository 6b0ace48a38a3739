using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using VoiceHelper.Integration.Tests.Infrastructure;
using VoiceHelper.Integration.Tests.Realtime;
using Xunit.Abstractions;

namespace VoiceHelper.Integration.Tests.Clients;

/// <summary>
/// <c>vh talk</c> run as a process against the real services: the whole flow from a terminal with pages of the
/// PostgreSQL manual and LibriVox recordings from Debian's pocketsphinx-testdata, and the recordings it rejects.
/// </summary>
[Collection(ServiceCollection.Name)]
[Trait("Category", "Integration")]
public sealed class CliTalkTests(ServiceFixture fixture, ITestOutputHelper output) : IDisposable
{
    private const string ManualFolder = "/usr/share/doc/postgresql-doc-15/html";
    private static readonly string[] Pages = ["sql-vacuum.html", "sql-dropindex.html", "sql-reindex.html"];

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("vh-talk-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task Vh_IngestAskTalkTwiceHistory_ShowsBothSpokenTurns()
    {
        var knowledgeBase = $"talk-{Guid.NewGuid():N}";
        var documents = Directory.CreateDirectory(Path.Combine(_folder.FullName, "manual"));
        foreach (var page in Pages)
        {
            File.Copy(Path.Combine(ManualFolder, page), Path.Combine(documents.FullName, page));
        }

        var (firstRecording, firstReference) = Recordings.LibriVoxUtterance("0880");
        var (secondSource, secondReference) = Recordings.LibriVoxUtterance("0930");
        // A CD-quality stereo copy, so that vh downmixes it and resamples it to a rate the session takes.
        var secondRecording = await OpusRoundTrip.ConvertAsync(
            secondSource, Path.Combine(_folder.FullName, "second.wav"), "--rate", "44100", "--force-stereo");

        var create = await VhAsync(["kb", "create", knowledgeBase]);
        var ingest = await VhAsync(["ingest", "--kb", knowledgeBase, documents.FullName]);
        var ask = await VhAsync(["ask", "--kb", knowledgeBase, "What does VACUUM FULL do?"]);
        var first = await VhAsync(["talk", "--kb", knowledgeBase, firstRecording, "--out", "first.wav", "--json"]);
        var talked = JsonDocument.Parse(first.Output).RootElement;
        var conversationId = talked.GetProperty("conversation_id").GetString()!;
        var second = await VhAsync(["talk", "--conversation", conversationId, secondRecording]);
        var history = await VhAsync(["history", conversationId, "--json"]);
        output.WriteLine($"Second talk, as people see it:\n{second.Text}");

        Assert.True(create.ExitCode == 0, create.ToString());
        Assert.True(ingest.ExitCode == 0, ingest.ToString());
        Assert.True(ask.ExitCode == 0, ask.ToString());
        Assert.Contains("[1] VACUUM", ask.Output, StringComparison.Ordinal);

        Assert.True(first.ExitCode == 0, first.ToString());
        var turn = talked.GetProperty("turns").EnumerateArray().Single();
        var transcript = turn.GetProperty("transcript").GetString()!;
        var wer = Recordings.WordErrorRate(firstReference, transcript);
        output.WriteLine($"First talk: word error rate {wer:P1}: '{transcript}' for '{firstReference}'.");
        Assert.True(wer <= 0.5, $"Word error rate {wer:P0}: '{transcript}' for '{firstReference}'.");
        Assert.Equal("completed", turn.GetProperty("status").GetString());
        Assert.NotEmpty(turn.GetProperty("answer").GetString()!);
        var audioFile = talked.GetProperty("audio_file").GetString()!;
        Assert.Equal(Path.Combine(_folder.FullName, "first.wav"), audioFile);
        var (rate, channels, bits, seconds) = ReadWaveHeader(audioFile);
        Assert.Equal(24_000, rate);
        Assert.Equal(1, channels);
        Assert.Equal(16, bits);
        Assert.Equal(talked.GetProperty("audio_seconds").GetDouble(), seconds, 2);
        Assert.True(seconds > 0.5, $"The spoken answer lasts {seconds} s.");

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains($"Conversation {conversationId}", second.Error, StringComparison.Ordinal);
        Assert.Contains("44,100 Hz stereo 16-bit PCM", second.Error, StringComparison.Ordinal);
        Assert.StartsWith("> ", second.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_folder.FullName, "second.answer.wav")), second.ToString());

        Assert.True(history.ExitCode == 0, history.ToString());
        var messages = JsonDocument.Parse(history.Output).RootElement.GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal(["user", "assistant", "user", "assistant"], messages.Select(message => message.GetProperty("role").GetString()));
        Assert.All(messages, message => Assert.Equal("voice", message.GetProperty("modality").GetString()));
        Assert.Equal(transcript, messages[0].GetProperty("text").GetString());
        Assert.Equal(turn.GetProperty("turn_id").GetString(), messages[1].GetProperty("id").GetString());
        var secondTranscript = messages[2].GetProperty("text").GetString()!;
        output.WriteLine($"Second talk: '{secondTranscript}' for '{secondReference}'.");
        Assert.Contains($"> {secondTranscript}\n", second.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Vh_TalkWithoutTurnDetection_AnswersWholeRecording()
    {
        var manual = await ManualModel.GetAsync(fixture);
        var (recording, reference) = Recordings.LibriVoxUtterance("0930");

        var result = await VhAsync(["talk", "--kb", manual.Name, recording, "--turn-detection", "none", "--speed", "4", "--json"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        var turn = JsonDocument.Parse(result.Output).RootElement.GetProperty("turns").EnumerateArray().Single();
        var transcript = turn.GetProperty("transcript").GetString()!;
        var wer = Recordings.WordErrorRate(reference, transcript);
        output.WriteLine($"Word error rate {wer:P1}: '{transcript}' for '{reference}'.");
        Assert.True(wer <= 0.5, $"Word error rate {wer:P0}: '{transcript}' for '{reference}'.");
        Assert.Equal("completed", turn.GetProperty("status").GetString());
        Assert.True(File.Exists(Path.Combine(_folder.FullName, Path.GetFileNameWithoutExtension(recording) + ".answer.wav")));
    }

    [Fact]
    public async Task Vh_TalkFloatWave_ExitsWithUnsupportedAudio()
    {
        var (source, _) = Recordings.LibriVoxUtterance("0880");
        var floatWave = await OpusRoundTrip.ConvertAsync(source, Path.Combine(_folder.FullName, "float.wav"), "--float");

        var result = await VhAsync(["talk", "--kb", "any", floatWave]);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"vh: unsupported_audio: '{floatWave}' contains 16,000 Hz mono 32-bit floating-point audio",
            result.Error, StringComparison.Ordinal);
        Assert.Contains("sox FILE -b 16 -e signed-integer OUT.wav", result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Output);
    }

    [Fact]
    public async Task Vh_TalkHeaderlessPcm_ExitsWithInvalidWave()
    {
        // AN4 utterances are headerless 16-bit PCM, which is no WAVE file.
        var result = await VhAsync(["talk", "--kb", "any", Recordings.An4Numbers, "--json"]);

        var error = JsonDocument.Parse(result.Error).RootElement.GetProperty("error");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("invalid_wave", error.GetProperty("code").GetString());
        Assert.StartsWith($"'{Recordings.An4Numbers}' is not a WAVE file", error.GetProperty("message").GetString(),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Vh_TalkMissingFile_ExitsWithFileNotFound()
    {
        var missing = Path.Combine(_folder.FullName, "missing.wav");

        var result = await VhAsync(["talk", "--kb", "any", missing]);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"vh: file_not_found: '{missing}' does not exist.", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Vh_TalkWithoutKnowledgeBase_ExitsWithUsageCode()
    {
        var (recording, _) = Recordings.LibriVoxUtterance("0880");

        var result = await VhAsync(["talk", recording]);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("vh: usage_error: Pass --kb", result.Error, StringComparison.Ordinal);
    }

    // Returns the rate, channels, bits per sample and seconds of a plain 44-byte-header WAVE file.
    private static (int Rate, int Channels, int Bits, double Seconds) ReadWaveHeader(string path)
    {
        var header = File.ReadAllBytes(path).AsSpan(0, 44);
        Assert.Equal("RIFF", Encoding.ASCII.GetString(header[..4]));
        Assert.Equal("data", Encoding.ASCII.GetString(header[36..40]));
        var rate = BinaryPrimitives.ReadInt32LittleEndian(header[24..]);
        var channels = BinaryPrimitives.ReadInt16LittleEndian(header[22..]);
        var bits = BinaryPrimitives.ReadInt16LittleEndian(header[34..]);
        var bytes = BinaryPrimitives.ReadInt32LittleEndian(header[40..]);
        Assert.Equal(new FileInfo(path).Length - 44, bytes);
        return (rate, channels, bits, bytes / (double)(rate * channels * bits / 8));
    }

    // Runs vh with tenant A's administrator key in this test's temporary folder, so vh finds no .data/dev-api-key and
    // writes the default answer files there.
    private Task<CommandRunner.Result> VhAsync(string[] arguments)
    {
        var environment = new Dictionary<string, string>
        {
            ["VOICEHELPER_URL"] = fixture.GatewayGrpcAddress.ToString(),
            ["VOICEHELPER_API_KEY"] = fixture.AdminKeyOfTenantA,
        };
        return ClientProcess.RunAsync(TestEnvironment.CliAssembly, arguments, environment, workingDirectory: _folder.FullName);
    }
}
