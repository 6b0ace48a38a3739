using VoiceHelper.Integration.Tests.Infrastructure;
using static VoiceHelper.Integration.Tests.Realtime.RealtimeSocket;

namespace VoiceHelper.Integration.Tests.Realtime;

/// <summary>
/// A <c>session.update</c> that changes turn detection while the user speaks: the turn in progress ends with
/// <c>speech_stopped</c> and <c>input_audio_buffer.cleared</c>, and the next turn is detected and transcribed.
/// </summary>
[Collection(ServiceCollection.Name)]
[Trait("Category", "Integration")]
public sealed class RealtimeSessionUpdateTests(ServiceFixture fixture)
{
    [Fact]
    public async Task UpdateDuringTurn_EndsTurnAndDetectsNext()
    {
        var manual = await ManualModel.GetAsync(fixture);
        var (path, _) = Recordings.LibriVoxUtterance("0880");
        var speech = Recordings.ReadWave(path);
        await using var socket = await ConnectAsync(fixture, fixture.AdminKeyOfTenantA, $"model={manual.Name}");
        await socket.WaitForTypeAsync("session.created");
        await socket.SendAsync(new { type = "session.update", session = new { type = "realtime", audio = new { input = new { format = new { type = "audio/pcm", rate = 16_000 } } } } });
        await socket.WaitForTypeAsync("session.updated");

        // The first second of speech, with no silence after it, leaves a turn in progress.
        await socket.StreamAsync(speech[..16_000], silenceMs: 0);
        var started = await socket.WaitForTypeAsync("input_audio_buffer.speech_started");
        var itemId = started.GetProperty("item_id").GetString();
        await socket.SendAsync(new { type = "session.update", session = new { type = "realtime", audio = new { input = new { turn_detection = new { type = "server_vad", silence_duration_ms = 700 } } } } });
        var stopped = await socket.WaitForTypeAsync("input_audio_buffer.speech_stopped");
        await socket.WaitForTypeAsync("input_audio_buffer.cleared");
        await socket.StreamAsync(speech);
        var next = await socket.WaitForAsync(
            element => TypeOf(element) == "conversation.item.input_audio_transcription.completed"
                && element.GetProperty("item_id").GetString() != itemId,
            "a transcript of the next turn");

        Assert.Equal(itemId, stopped.GetProperty("item_id").GetString());
        Assert.NotEmpty(next.GetProperty("transcript").GetString()!);
        Assert.DoesNotContain(socket.Received, element =>
            TypeOf(element) == "conversation.item.input_audio_transcription.completed" && element.GetProperty("item_id").GetString() == itemId);
    }
}
