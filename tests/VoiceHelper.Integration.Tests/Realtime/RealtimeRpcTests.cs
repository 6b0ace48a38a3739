using System.Text.Json;
using Grpc.Core;
using Grpc.Net.Client;
using VoiceHelper.Api.V1;
using VoiceHelper.Integration.Tests.Infrastructure;
using Xunit.Abstractions;
using static VoiceHelper.Integration.Tests.Infrastructure.RpcCalls;

namespace VoiceHelper.Integration.Tests.Realtime;

/// <summary>
/// <c>voicehelper.v1.VoiceService/Converse</c> of the real gateway: the realtime events over a bidirectional gRPC
/// stream, with audio as bytes.
/// </summary>
[Collection(ServiceCollection.Name)]
[Trait("Category", "Integration")]
public sealed class RealtimeRpcTests(ServiceFixture fixture, ITestOutputHelper output) : IDisposable
{
    private const string Recording = "/usr/share/pocketsphinx/test/data/goforward.raw";
    private const string Reference = "go forward ten meters";
    private readonly GrpcChannel _channel = GrpcChannel.ForAddress(fixture.GatewayGrpcAddress);

    public void Dispose() => _channel.Dispose();

    [Fact]
    public async Task Converse_SpokenCommand_TranscribesAndSpeaks()
    {
        var manual = await ManualModel.GetAsync(fixture);
        var client = CreateVoiceClient(_channel, fixture.AdminKeyOfTenantA);
        using var call = client.Converse(Deadline(TimeSpan.FromSeconds(90)));
        await call.RequestStream.WriteAsync(new ConverseRequest { Start = new ConverseStart { KnowledgeBase = manual.Name } });
        await call.RequestStream.WriteAsync(new ConverseRequest
        {
            EventJson = """{"type":"session.update","session":{"type":"realtime","audio":{"input":{"format":{"type":"audio/pcm","rate":16000}}}}}""",
        });
        var events = new List<ConverseEvent>();
        var receiving = ReceiveUntilDoneAsync(call.ResponseStream, events);

        var pcm = File.ReadAllBytes(Recording).Concat(new byte[32_000]).ToArray();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var offset = 0; offset < pcm.Length; offset += 640)
        {
            var chunk = Google.Protobuf.ByteString.CopyFrom(pcm, offset, Math.Min(640, pcm.Length - offset));
            await call.RequestStream.WriteAsync(new ConverseRequest { Audio = chunk });
            var due = TimeSpan.FromMilliseconds((offset / 640 + 1) * 20);
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed);
            }
        }

        await receiving.WaitAsync(TimeSpan.FromSeconds(60));
        await call.RequestStream.CompleteAsync();

        var types = events.Select(item => item.Type).ToList();
        Assert.Equal("session.created", types[0]);
        Assert.DoesNotContain("error", types);
        var transcript = JsonDocument.Parse(events.Single(item => item.Type == "conversation.item.input_audio_transcription.completed").Json)
            .RootElement.GetProperty("transcript").GetString()!;
        var wer = Recordings.WordErrorRate(Reference, transcript);
        output.WriteLine($"Word error rate {wer:P1}: '{transcript}' for '{Reference}'.");
        Assert.True(wer <= 0.5, $"Word error rate {wer:P0}: '{transcript}' for '{Reference}'.");
        var audio = events.Where(item => item.Type == "response.output_audio.delta").ToList();
        Assert.NotEmpty(audio);
        // 100 ms of 24 kHz 16-bit audio per delta, less at the end of a sentence.
        Assert.Equal(4_800, audio[0].Audio.Length);
        Assert.All(audio, item => Assert.InRange(item.Audio.Length, 2, 4_800));
        Assert.All(audio, item => Assert.Equal(0, item.Audio.Length % 2));
        Assert.DoesNotContain("\"delta\"", audio[0].Json);
        var sequences = events.Select(item => item.Sequence).ToList();
        Assert.Equal(sequences.Order().Distinct(), sequences);
    }

    [Fact]
    public async Task Converse_FirstRequestNotStart_ReturnsInvalidArgument()
    {
        var client = CreateVoiceClient(_channel, fixture.AdminKeyOfTenantA);
        using var call = client.Converse(Deadline());

        await call.RequestStream.WriteAsync(new ConverseRequest { EventJson = """{"type":"response.create"}""" });
        var exception = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext());

        Assert.Equal(StatusCode.InvalidArgument, exception.StatusCode);
        Assert.Equal("validation_failed", ErrorCode(exception));
    }

    private static async Task ReceiveUntilDoneAsync(IAsyncStreamReader<ConverseEvent> responses, List<ConverseEvent> events)
    {
        while (await responses.MoveNext())
        {
            events.Add(responses.Current);
            if (responses.Current.Type == "response.done")
            {
                return;
            }
        }
    }
}
