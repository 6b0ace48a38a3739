using System.ClientModel;
using System.ClientModel.Primitives;
using OpenAI.Realtime;
using VoiceHelper.Integration.Tests.Infrastructure;
using Xunit.Abstractions;

// The realtime client of the OpenAI package is experimental.
#pragma warning disable OPENAI002

namespace VoiceHelper.Integration.Tests.Realtime;

/// <summary>
/// The official OpenAI .NET package's realtime client against the gateway: an AN4 recording streamed in 20 ms
/// chunks at real-time pace is transcribed, answered and spoken, and the client parses every event it gets.
/// </summary>
[Collection(ServiceCollection.Name)]
[Trait("Category", "Integration")]
public sealed class RealtimeDotNetClientTests(ServiceFixture fixture, ITestOutputHelper output)
{
    private const string Recording = "/usr/share/pocketsphinx/test/data/goforward.raw";
    private const string Reference = "go forward ten meters";
    private static readonly TimeSpan SessionTimeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task DotNetClient_SpokenCommand_TranscribesAndSpeaks()
    {
        var manual = await ManualModel.GetAsync(fixture);
        using var timeout = new CancellationTokenSource(SessionTimeout);
        var client = new RealtimeClient(new ApiKeyCredential(fixture.AdminKeyOfTenantA),
            new RealtimeClientOptions { Endpoint = new Uri(fixture.GatewayAddress, "/v1") });
        using var session = await client.StartConversationSessionAsync(manual.Name, new RealtimeSessionClientOptions(), timeout.Token);
        var updates = new List<RealtimeServerUpdate>();
        var receiving = ReceiveUntilDoneAsync(session, updates, timeout.Token);
        await session.SendCommandAsync(BinaryData.FromObjectAsJson(new
        {
            type = "session.update",
            session = new { type = "realtime", audio = new { input = new { format = new { type = "audio/pcm", rate = 16_000 } } } },
        }), new RequestOptions { CancellationToken = timeout.Token });

        await StreamAsync(session, File.ReadAllBytes(Recording), timeout.Token);
        await receiving.WaitAsync(timeout.Token);

        Assert.Empty(updates.OfType<RealtimeServerUpdateError>().Select(update => update.Error.Message));
        var transcript = updates.OfType<RealtimeServerUpdateConversationItemInputAudioTranscriptionCompleted>().Single().Transcript;
        var wer = Recordings.WordErrorRate(Reference, transcript);
        output.WriteLine($"Word error rate {wer:P1}: '{transcript}' for '{Reference}'.");
        Assert.True(wer <= 0.5, $"Word error rate {wer:P0}: '{transcript}' for '{Reference}'.");
        var audio = updates.OfType<RealtimeServerUpdateResponseOutputAudioDelta>().Select(update => update.Delta.ToArray()).ToList();
        Assert.NotEmpty(audio);
        Assert.All(audio, chunk => Assert.Equal(0, chunk.Length % 2));
        var order = new[]
        {
            updates.FindIndex(update => update is RealtimeServerUpdateSessionCreated),
            updates.FindIndex(update => update is RealtimeServerUpdateInputAudioBufferSpeechStarted),
            updates.FindIndex(update => update is RealtimeServerUpdateInputAudioBufferSpeechStopped),
            updates.FindIndex(update => update is RealtimeServerUpdateInputAudioBufferCommitted),
            updates.FindIndex(update => update is RealtimeServerUpdateConversationItemInputAudioTranscriptionCompleted),
            updates.FindIndex(update => update is RealtimeServerUpdateResponseCreated),
            updates.FindIndex(update => update is RealtimeServerUpdateResponseOutputAudioDelta),
            updates.FindIndex(update => update is RealtimeServerUpdateResponseDone),
        };
        Assert.DoesNotContain(-1, order);
        Assert.Equal(order.Order(), order);
        var done = updates.OfType<RealtimeServerUpdateResponseDone>().Single();
        Assert.Equal("completed", done.Response.Status?.ToString());
    }

    private static async Task ReceiveUntilDoneAsync(
        RealtimeSessionClient session, List<RealtimeServerUpdate> updates, CancellationToken cancellationToken)
    {
        await foreach (var update in session.ReceiveUpdatesAsync(cancellationToken))
        {
            updates.Add(update);
            if (update is RealtimeServerUpdateResponseDone)
            {
                return;
            }
        }
    }

    // 16 kHz 16-bit samples in 20 ms appends at real-time pace, then a second of silence that ends the turn.
    private static async Task StreamAsync(RealtimeSessionClient session, byte[] pcm, CancellationToken cancellationToken)
    {
        const int ChunkBytes = 640;
        var audio = pcm.Concat(new byte[32_000]).ToArray();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var offset = 0; offset < audio.Length; offset += ChunkBytes)
        {
            var chunk = audio.AsMemory(offset, Math.Min(ChunkBytes, audio.Length - offset));
            await session.SendInputAudioAsync(BinaryData.FromBytes(chunk), cancellationToken);
            var due = TimeSpan.FromMilliseconds((offset / ChunkBytes + 1) * 20);
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed, cancellationToken);
            }
        }
    }
}
