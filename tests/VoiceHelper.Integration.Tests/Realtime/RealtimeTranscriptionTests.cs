using System.Text.Json;
using VoiceHelper.Integration.Tests.Infrastructure;
using Xunit.Abstractions;
using static VoiceHelper.Integration.Tests.Realtime.RealtimeSocket;

namespace VoiceHelper.Integration.Tests.Realtime;

/// <summary>
/// Transcripts of spoken turns on the real gateway and silo: PocketSphinx's partial hypotheses arrive as
/// <c>conversation.item.input_audio_transcription.delta</c> events while a recording is streamed at real-time pace.
/// </summary>
[Collection(ServiceCollection.Name)]
[Trait("Category", "Integration")]
public sealed class RealtimeTranscriptionTests(ServiceFixture fixture, ITestOutputHelper output)
{
    private const string DeltaType = "conversation.item.input_audio_transcription.delta";
    private const string CompletedType = "conversation.item.input_audio_transcription.completed";

    [Fact]
    public async Task SpokenTurn_SendsDeltasBeforeCompleted()
    {
        var manual = await ManualModel.GetAsync(fixture);
        var (path, reference) = Recordings.LibriVoxUtterance("0920");
        await using var socket = await ConnectAsync(fixture, fixture.AdminKeyOfTenantA, $"model={manual.Name}");
        await socket.WaitForTypeAsync("session.created");
        await socket.SendAsync(new
        {
            type = "session.update",
            session = new
            {
                type = "realtime",
                audio = new
                {
                    input = new
                    {
                        format = new { type = "audio/pcm", rate = 16_000 },
                        turn_detection = new { type = "server_vad", create_response = false },
                    },
                },
            },
        });
        await socket.WaitForTypeAsync("session.updated");

        var speaking = socket.StreamAsync(Recordings.ReadWave(path));
        var firstDelta = await socket.WaitForTypeAsync(DeltaType);
        var deltaWhileSpeaking = !speaking.IsCompleted;
        await speaking;
        var completed = await socket.WaitForTypeAsync(CompletedType);

        var events = socket.Received.ToList();
        var itemId = completed.GetProperty("item_id").GetString();
        var deltas = events.Where(element => TypeOf(element) == DeltaType).ToList();
        var deltaText = string.Concat(deltas.Select(element => element.GetProperty("delta").GetString()));
        output.WriteLine($"deltas: '{deltaText}'; completed: '{completed.GetProperty("transcript").GetString()}'; reference: '{reference}'");
        Assert.True(deltaWhileSpeaking, "The first delta came after the whole recording was sent.");
        Assert.Equal(itemId, firstDelta.GetProperty("item_id").GetString());
        Assert.All(deltas, element => Assert.Equal(itemId, element.GetProperty("item_id").GetString()));
        Assert.All(deltas, element => Assert.Equal(0, element.GetProperty("content_index").GetInt32()));
        Assert.NotEmpty(deltaText.Trim());
        Assert.True(Recordings.WordErrorRate(reference, deltaText) < 1, $"The deltas '{deltaText}' have a word error rate of 1 or more against '{reference}'.");
        Assert.True(IndexOf(events, "input_audio_buffer.speech_started") < events.IndexOf(firstDelta),
            "A delta came before speech_started.");
        Assert.True(LastIndexOf(events, DeltaType) < IndexOf(events, CompletedType), "A delta came after completed.");
        Assert.True(IndexOf(events, "input_audio_buffer.committed") < IndexOf(events, CompletedType),
            "completed came before the turn was committed.");
    }

    private static int IndexOf(List<JsonElement> events, string type) => events.FindIndex(element => TypeOf(element) == type);

    private static int LastIndexOf(List<JsonElement> events, string type) => events.FindLastIndex(element => TypeOf(element) == type);
}
