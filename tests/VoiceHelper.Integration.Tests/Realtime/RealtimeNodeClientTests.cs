using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using VoiceHelper.Integration.Tests.Infrastructure;
using Xunit.Abstractions;

namespace VoiceHelper.Integration.Tests.Realtime;

/// <summary>
/// The official <c>openai</c> npm package's realtime WebSocket client, run by node against the gateway's TLS
/// address: a LibriVox recording streamed at real-time pace is transcribed, answered and spoken.
/// </summary>
[Collection(ServiceCollection.Name)]
[Trait("Category", "Integration")]
public sealed class RealtimeNodeClientTests(ServiceFixture fixture, ITestOutputHelper output)
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(150);

    private static string NodeFolder => typeof(RealtimeNodeClientTests).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(attribute => attribute.Key == "RealtimeNodeFolder").Value!;

    [Fact]
    public async Task NodeClient_SpokenQuestion_AnswersInProtocolOrder()
    {
        var manual = await ManualModel.GetAsync(fixture);
        var (path, reference) = Recordings.LibriVoxUtterance("0880");

        var result = await RunClientAsync(manual.Name, path);
        var types = result.GetProperty("events").EnumerateArray().Select(item => item.GetProperty("type").GetString()!).ToList();
        var events = result.GetProperty("events").EnumerateArray().Select(item => item.GetProperty("event")).ToList();

        Assert.Empty(result.GetProperty("errors").EnumerateArray());
        string[] expected =
        [
            "session.created", "session.updated", "input_audio_buffer.speech_started", "input_audio_buffer.speech_stopped",
            "input_audio_buffer.committed", "conversation.item.added", "conversation.item.input_audio_transcription.completed",
            "response.created", "response.output_item.added", "response.output_audio_transcript.delta",
            "response.output_audio.done", "response.output_item.done", "response.done",
        ];
        var positions = expected.Select(type => types.IndexOf(type)).ToList();
        Assert.DoesNotContain(-1, positions);
        Assert.Equal(positions.Order(), positions);
        var transcript = events.Single(item => item.GetProperty("type").GetString() == "conversation.item.input_audio_transcription.completed")
            .GetProperty("transcript").GetString()!;
        var wer = Recordings.WordErrorRate(reference, transcript);
        output.WriteLine($"Word error rate {wer:P1}: '{transcript}' for '{reference}'.");
        Assert.True(wer <= 0.6, $"Word error rate {wer:P0}: '{transcript}' for '{reference}'.");
        Assert.False(result.GetProperty("oddDelta").GetBoolean());
        var done = events.Single(item => item.GetProperty("type").GetString() == "response.done").GetProperty("response");
        var audioSeconds = done.GetProperty("voicehelper").GetProperty("audio_seconds").GetDouble();
        Assert.True(audioSeconds > 0.5, $"The answer has {audioSeconds} s of audio.");
        Assert.InRange(result.GetProperty("audioBytes").GetInt32(), (int)(audioSeconds * 48_000) - 96, (int)(audioSeconds * 48_000) + 96);
        Assert.True(Guid.TryParse(done.GetProperty("voicehelper").GetProperty("turn_id").GetString(), out _));
        var sequences = events.Select(item => item.GetProperty("voicehelper_seq").GetInt64()).ToList();
        Assert.Equal(sequences.Order().Distinct(), sequences);
    }

    private async Task<JsonElement> RunClientAsync(string model, string wavePath)
    {
        var script = Path.Combine(NodeFolder, "realtime-client.mjs");
        Assert.True(File.Exists(Path.Combine(NodeFolder, "node_modules", "openai", "package.json")),
            $"The npm packages are not installed in {NodeFolder}. Build the test project with npm on the PATH; its " +
            "InstallRealtimeNodeClient target runs npm ci there.");
        var start = new ProcessStartInfo("node", [script])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = NodeFolder,
        };
        start.Environment["VOICEHELPER_BASE_URL"] = new Uri(fixture.GatewayTlsAddress, "/v1").ToString();
        start.Environment["VOICEHELPER_API_KEY"] = fixture.AdminKeyOfTenantA;
        start.Environment["VOICEHELPER_MODEL"] = model;
        start.Environment["VOICEHELPER_WAV"] = wavePath;
        start.Environment["VOICEHELPER_TIMEOUT_MS"] = "90000";
        start.Environment["NODE_EXTRA_CA_CERTS"] = fixture.Certificate.CertificatePath;

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(RunTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"The node client did not finish within {RunTimeout}. {await stderr}");
        }

        Assert.True(process.ExitCode == 0, $"The node client exited with {process.ExitCode}: {await stderr}");
        return JsonDocument.Parse((await stdout).Trim().Split('\n')[^1]).RootElement.Clone();
    }
}
