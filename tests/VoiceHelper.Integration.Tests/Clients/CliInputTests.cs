using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using VoiceHelper.Integration.Tests.Infrastructure;
using VoiceHelper.Integration.Tests.Realtime;

namespace VoiceHelper.Integration.Tests.Clients;

/// <summary>
/// <c>vh</c> run as a process with command lines that it must reject before it calls the gateway. The gateway address
/// is a free port where nothing listens, so a test fails if vh gets that far.
/// </summary>
[Trait("Category", "Integration")]
public sealed class CliInputTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("vh-input-");

    public void Dispose() => _folder.Delete(recursive: true);

    public static TheoryData<string[], string> NonNumericValues => new()
    {
        { ["talk", "--kb", "any", "question.wav", "--speed", "abc"], "Invalid value 'abc' for --speed. Give a number from 1 to 100." },
        { ["ingest", "--kb", "any", "notes.txt", "--parallel", "abc"], "Invalid value 'abc' for --parallel. Give a whole number from 1 to 16." },
        { ["history", "--limit", "abc"], "Invalid value 'abc' for --limit. Give a whole number from 1 to 200." },
        { ["history", "--limit", "2.5"], "Invalid value '2.5' for --limit. Give a whole number from 1 to 200." },
        { ["history", "--limit", "201"], "Invalid value '201' for --limit. Give a whole number from 1 to 200." },
        { ["kb", "list", "--timeout", "abc"], "Invalid value 'abc' for --timeout. Give a number from 1 to 86400." },
        { ["kb", "list", "--timeout", "NaN"], "Invalid value 'NaN' for --timeout. Give a number from 1 to 86400." },
        { ["ask", "--kb", "any", "Why?", "--top-k", "abc"], "Invalid value 'abc' for --top-k. Give a whole number from 1 to 50." },
    };

    public static TheoryData<string[], string> BlankValues => new()
    {
        { ["ask", "--kb", "any", ""], "The argument <question> is empty." },
        { ["ask", "--kb", " ", "Why?"], "The option --kb is empty." },
        { ["keys", "create", ""], "The argument <name> is empty." },
        { ["kb", "create", "  "], "The argument <name> is empty." },
        { ["kb", "show", ""], "The argument <kb> is empty." },
        { ["keys", "revoke", ""], "The argument <id> is empty." },
        { ["ingest", "--kb", "any", ""], "The argument <path> is empty." },
        { ["chat", "--kb", "any", "--title", ""], "The option --title is empty." },
    };

    [Theory]
    [MemberData(nameof(NonNumericValues))]
    public async Task Vh_InvalidNumber_ExitsWithUsageCode(string[] arguments, string message)
    {
        var result = await VhAsync(arguments);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"vh: usage_error: {message}", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(BlankValues))]
    public async Task Vh_BlankArgument_ExitsWithUsageCode(string[] arguments, string message)
    {
        var result = await VhAsync(arguments);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"vh: usage_error: {message}", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Vh_BlankArgumentWithJson_ReportsReadableMessage()
    {
        var result = await VhAsync(["kb", "show", "", "--json"]);

        var error = JsonDocument.Parse(result.Error).RootElement.GetProperty("error");
        Assert.Equal("usage_error", error.GetProperty("code").GetString());
        Assert.Contains("<kb>", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VhTalk_OutFolder_ExitsBeforeStreaming()
    {
        var (recording, _) = Recordings.LibriVoxUtterance("0880");

        var result = await VhAsync(["talk", "--kb", "any", recording, "--out", _folder.FullName]);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"vh: usage_error: --out '{_folder.FullName}' is a folder.", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VhTalk_FolderAsRecording_SaysItIsFolder()
    {
        var result = await VhAsync(["talk", "--kb", "any", _folder.FullName]);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"vh: file_not_found: '{_folder.FullName}' is a folder, not a WAVE file.", result.Error,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task VhTalk_OneTurnOverLimit_SuggestsServerVad()
    {
        var recording = WriteLongRecording(TimeSpan.FromSeconds(61));

        var result = await VhAsync(["talk", "--kb", "any", recording, "--turn-detection", "none"]);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"vh: usage_error: '{recording}' lasts ", result.Error, StringComparison.Ordinal);
        Assert.Contains("turns of at most 60 s. Use --turn-detection server-vad", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Commit or clear", result.Error, StringComparison.Ordinal);
    }

    // Repeats a real 16 kHz LibriVox utterance until the recording lasts at least the given time.
    private string WriteLongRecording(TimeSpan length)
    {
        var (source, _) = Recordings.LibriVoxUtterance("0880");
        var utterance = Recordings.ReadWave(source);
        var samples = new List<short>();
        while (samples.Count < length.TotalSeconds * 16_000)
        {
            samples.AddRange(utterance);
        }

        var data = new byte[samples.Count * 2];
        for (var index = 0; index < samples.Count; index++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(data.AsSpan(index * 2), samples[index]);
        }

        var header = new byte[44];
        Encoding.ASCII.GetBytes("RIFF").CopyTo(header, 0);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(4), 36 + data.Length);
        Encoding.ASCII.GetBytes("WAVEfmt ").CopyTo(header, 8);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(16), 16);
        BinaryPrimitives.WriteInt16LittleEndian(header.AsSpan(20), 1);
        BinaryPrimitives.WriteInt16LittleEndian(header.AsSpan(22), 1);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(24), 16_000);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(28), 32_000);
        BinaryPrimitives.WriteInt16LittleEndian(header.AsSpan(32), 2);
        BinaryPrimitives.WriteInt16LittleEndian(header.AsSpan(34), 16);
        Encoding.ASCII.GetBytes("data").CopyTo(header, 36);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(40), data.Length);

        var path = Path.Combine(_folder.FullName, "long.wav");
        File.WriteAllBytes(path, [.. header, .. data]);
        return path;
    }

    private Task<CommandRunner.Result> VhAsync(string[] arguments)
    {
        var environment = new Dictionary<string, string>
        {
            ["VOICEHELPER_URL"] = $"http://127.0.0.1:{TestEnvironment.FreePort()}",
            ["VOICEHELPER_API_KEY"] = "vh_unused",
        };
        return ClientProcess.RunAsync(TestEnvironment.CliAssembly, arguments, environment, workingDirectory: _folder.FullName);
    }
}
