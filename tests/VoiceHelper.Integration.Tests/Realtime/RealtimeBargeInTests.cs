using System.Net.Http.Json;
using System.Text.Json;
using VoiceHelper.Integration.Tests.Infrastructure;
using static VoiceHelper.Integration.Tests.Infrastructure.GatewayCalls;
using static VoiceHelper.Integration.Tests.Realtime.RealtimeSocket;

namespace VoiceHelper.Integration.Tests.Realtime;

/// <summary>
/// Barge-in on the real gateway and silo: a recording played into the session while an answer plays cancels the
/// answer, stops its audio, and cuts the stored turn to what the client played.
/// </summary>
[Collection(ServiceCollection.Name)]
[Trait("Category", "Integration")]
public sealed class RealtimeBargeInTests(ServiceFixture fixture)
{
    private const string Question = "What does VACUUM FULL do?";

    [Fact]
    public async Task SpeechDuringAnswer_CancelsAndTruncatesStoredTurn()
    {
        var manual = await ManualModel.GetAsync(fixture);
        var (path, _) = Recordings.LibriVoxUtterance("0920");
        await using var socket = await ConnectAsync(fixture, fixture.AdminKeyOfTenantA, $"model={manual.Name}");
        var created = await socket.WaitForTypeAsync("session.created");
        var conversationId = created.GetProperty("session").GetProperty("voicehelper").GetProperty("conversation_id").GetString();
        await socket.SendAsync(new { type = "session.update", session = new { type = "realtime", audio = new { input = new { format = new { type = "audio/pcm", rate = 16_000 } } } } });
        await socket.WaitForTypeAsync("session.updated");
        await socket.SendAsync(RealtimeProtocolTests.UserText(Question));
        await socket.SendAsync(new { type = "response.create" });
        var firstDelta = await socket.WaitForTypeAsync("response.output_audio.delta");
        var playbackStarted = DateTime.UtcNow;
        var itemId = firstDelta.GetProperty("item_id").GetString()!;

        var speaking = socket.StreamAsync(Recordings.ReadWave(path));
        var started = await socket.WaitForTypeAsync("input_audio_buffer.speech_started");
        var playedMs = PlayedMs(socket, itemId, playbackStarted);
        var done = await socket.WaitForTypeAsync("response.done");
        await socket.SendAsync(new { type = "conversation.item.truncate", item_id = itemId, content_index = 0, audio_end_ms = playedMs });
        var truncated = await socket.WaitForTypeAsync("conversation.item.truncated");
        await speaking;
        await socket.WaitForTypeAsync("conversation.item.input_audio_transcription.completed");
        var stored = await ReadAssistantTurnAsync(conversationId!, done.GetProperty("response").GetProperty("voicehelper").GetProperty("turn_id").GetString()!);
        var full = await AskAsync(manual.Id);

        Assert.Equal("cancelled", done.GetProperty("response").GetProperty("status").GetString());
        Assert.Equal("turn_detected", done.GetProperty("response").GetProperty("status_details").GetProperty("reason").GetString());
        Assert.Equal(playedMs, truncated.GetProperty("audio_end_ms").GetInt64());
        var doneIndex = socket.Received.ToList().FindIndex(element => TypeOf(element) == "response.done");
        Assert.DoesNotContain(socket.Received.Skip(doneIndex), element =>
            TypeOf(element) == "response.output_audio.delta" && element.GetProperty("item_id").GetString() == itemId);
        Assert.Equal("cancelled", stored.GetProperty("status").GetString());
        var storedText = stored.GetProperty("text").GetString()!;
        Assert.NotEmpty(storedText);
        Assert.True(storedText.Length < full.Length,
            $"The stored turn has {storedText.Length} characters, the whole answer {full.Length}: '{storedText}'.");
        Assert.Contains(storedText.Split('.')[0], full);
        Assert.True(started.GetProperty("voicehelper_seq").GetInt64() < done.GetProperty("voicehelper_seq").GetInt64());
    }

    [Fact]
    public async Task ResponseCancel_DuringAnswer_StoresHeardPart()
    {
        var manual = await ManualModel.GetAsync(fixture);
        await using var socket = await ConnectAsync(fixture, fixture.AdminKeyOfTenantA, $"model={manual.Name}");
        var created = await socket.WaitForTypeAsync("session.created");
        var conversationId = created.GetProperty("session").GetProperty("voicehelper").GetProperty("conversation_id").GetString();
        await socket.SendAsync(RealtimeProtocolTests.UserText(Question));
        await socket.SendAsync(new { type = "response.create" });
        await socket.WaitForTypeAsync("response.output_audio.delta");

        await socket.SendAsync(new { type = "response.cancel" });
        var done = await socket.WaitForTypeAsync("response.done");
        var response = done.GetProperty("response");
        var stored = await ReadAssistantTurnAsync(conversationId!, response.GetProperty("voicehelper").GetProperty("turn_id").GetString()!);
        var full = await AskAsync(manual.Id);

        Assert.Equal("cancelled", response.GetProperty("status").GetString());
        Assert.Equal("client_cancelled", response.GetProperty("status_details").GetProperty("reason").GetString());
        Assert.Equal("cancelled", stored.GetProperty("status").GetString());
        Assert.True(stored.GetProperty("text").GetString()!.Length < full.Length,
            $"The stored turn kept {stored.GetProperty("text").GetString()!.Length} of {full.Length} characters.");
    }

    [Fact]
    public async Task ShortSoundDuringAnswer_PausesAndResumes()
    {
        var manual = await ManualModel.GetAsync(fixture);
        var (path, _) = Recordings.LibriVoxUtterance("0880");
        // A quarter second from inside a word: long enough for voice activity detection, shorter than the 300 ms
        // that an interruption needs.
        var sound = Recordings.ReadWave(path).AsSpan(8_000, 4_000).ToArray();
        await using var socket = await ConnectAsync(fixture, fixture.AdminKeyOfTenantA, $"model={manual.Name}");
        await socket.WaitForTypeAsync("session.created");
        await socket.SendAsync(new { type = "session.update", session = new { type = "realtime", audio = new { input = new { format = new { type = "audio/pcm", rate = 16_000 } } } } });
        await socket.WaitForTypeAsync("session.updated");
        await socket.SendAsync(RealtimeProtocolTests.UserText(Question));
        await socket.SendAsync(new { type = "response.create" });
        await socket.WaitForTypeAsync("response.output_audio.delta");

        await socket.StreamAsync(sound, silenceMs: 700);
        var stopped = await socket.WaitForTypeAsync("input_audio_buffer.speech_stopped");
        var done = await socket.WaitForTypeAsync("response.done");

        Assert.Equal("completed", done.GetProperty("response").GetProperty("status").GetString());
        var stoppedAt = stopped.GetProperty("voicehelper_seq").GetInt64();
        var afterStop = socket.Received.Count(element =>
            TypeOf(element) == "response.output_audio.delta" && element.GetProperty("voicehelper_seq").GetInt64() > stoppedAt);
        Assert.True(afterStop > 0, "No audio followed the short sound: the answer did not resume.");
        Assert.DoesNotContain("input_audio_buffer.committed", socket.Types());
    }

    // The playback position of a client that plays each delta as it arrives: the audio received, or the time since
    // the first delta when that is less.
    private static long PlayedMs(RealtimeSocket socket, string itemId, DateTime playbackStarted)
    {
        var receivedMs = socket.Received
            .Where(element => TypeOf(element) == "response.output_audio.delta" && element.GetProperty("item_id").GetString() == itemId)
            .Sum(element => Convert.FromBase64String(element.GetProperty("delta").GetString()!).Length) / 48L;
        return Math.Min(receivedMs, (long)(DateTime.UtcNow - playbackStarted).TotalMilliseconds);
    }

    private async Task<JsonElement> ReadAssistantTurnAsync(string conversationId, string turnId)
    {
        using var client = fixture.CreateClient(fixture.AdminKeyOfTenantA);
        using var response = await client.GetAsync($"/api/v1/conversations/{conversationId}/messages?limit=20").WaitAsync(Step);
        var body = await ReadJsonAsync(response);
        return body.GetProperty("messages").EnumerateArray().Single(turn => turn.GetProperty("id").GetString() == turnId);
    }

    private async Task<string> AskAsync(Guid knowledgeBaseId)
    {
        using var client = fixture.CreateClient(fixture.AdminKeyOfTenantA);
        using var response = await client.PostAsJsonAsync($"/api/v1/knowledge-bases/{knowledgeBaseId}/ask", new { question = Question }).WaitAsync(Step);
        return (await ReadJsonAsync(response)).GetProperty("answer").GetString()!;
    }
}
