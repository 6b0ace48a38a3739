using System.Globalization;
using System.Text.RegularExpressions;
using VoiceHelper.Integration.Tests.Infrastructure;
using static VoiceHelper.Integration.Tests.Realtime.RealtimeSocket;

namespace VoiceHelper.Integration.Tests.Realtime;

/// <summary>
/// The voice metrics on the silo's <c>/metrics</c>, which the voice dashboard and the latency alert read, after a
/// spoken turn through <c>/v1/realtime</c>.
/// </summary>
[Collection(ServiceCollection.Name)]
[Trait("Category", "Integration")]
public sealed partial class RealtimeMetricsTests(ServiceFixture fixture)
{
    [Fact]
    public async Task SpokenTurn_ExportsTurnLatencyAndStages()
    {
        var manual = await ManualModel.GetAsync(fixture);
        var (path, _) = Recordings.LibriVoxUtterance("0880");
        var before = await ReadMetricsAsync();
        await using (var socket = await ConnectAsync(fixture, fixture.AdminKeyOfTenantA, $"model={manual.Name}"))
        {
            await socket.WaitForTypeAsync("session.created");
            await socket.SendAsync(new { type = "session.update", session = new { type = "realtime", audio = new { input = new { format = new { type = "audio/pcm", rate = 16_000 } } } } });
            await socket.WaitForTypeAsync("session.updated");
            await socket.StreamAsync(Recordings.ReadWave(path));
            await socket.WaitForTypeAsync("response.output_audio.delta");
        }

        var after = await ReadMetricsAsync();

        const string Turns = "voicehelper_voice_turn_latency_seconds_count";
        Assert.True(Count(after, Turns) > Count(before, Turns), "No voice turn latency was recorded for the spoken turn.");
        foreach (var stage in new[] { "commit", "recognition", "answer", "synthesis" })
        {
            const string Stages = "voicehelper_voice_stage_duration_seconds_count";
            var label = $"stage=\"{stage}\"";
            Assert.True(Count(after, Stages, label) > Count(before, Stages, label), $"The stage '{stage}' was not recorded.");
        }

        Assert.Contains("voicehelper_voice_sessions_active", after, StringComparison.Ordinal);
    }

    private async Task<string> ReadMetricsAsync()
    {
        using var client = new HttpClient { BaseAddress = fixture.SiloAddress, Timeout = TimeSpan.FromSeconds(30) };
        return await client.GetStringAsync(new Uri("/metrics", UriKind.Relative));
    }

    // The value of the first line of the metric that has the label given, or 0 when none does. The exporter may add
    // labels of its own, such as the meter's name, so the label is looked for anywhere in the line.
    private static double Count(string metrics, string metric, string label = "")
    {
        var line = metrics.Split('\n').FirstOrDefault(text =>
            (text.StartsWith(metric + "{", StringComparison.Ordinal) || text.StartsWith(metric + " ", StringComparison.Ordinal))
            && text.Contains(label, StringComparison.Ordinal));
        return line is null ? 0 : double.Parse(ValueAtEnd().Match(line).Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"[0-9.eE+-]+(?=\s*$)")]
    private static partial Regex ValueAtEnd();
}
