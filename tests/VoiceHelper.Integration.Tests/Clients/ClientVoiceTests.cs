using System.Buffers.Binary;
using VoiceHelper.Client;
using VoiceHelper.Integration.Tests.Infrastructure;
using VoiceHelper.Integration.Tests.Realtime;
using Xunit.Abstractions;
using static VoiceHelper.Integration.Tests.Clients.SdkClients;

namespace VoiceHelper.Integration.Tests.Clients;

/// <summary>
/// The SDK's <see cref="VoiceSession"/> against the real gateway and silo: a LibriVox recording from Debian's
/// pocketsphinx-testdata streamed in 20 ms frames at real-time pace is transcribed, answered and spoken.
/// </summary>
[Collection(ServiceCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ClientVoiceTests(ServiceFixture fixture, SdkManual manual, ITestOutputHelper output)
    : IClassFixture<SdkManual>, IDisposable
{
    private const int InputRate = 16_000;
    private const int OutputRate = 16_000;

    private readonly VoiceHelperClient _client = Create(fixture.GatewayGrpcAddress, fixture.AdminKeyOfTenantA);

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task ConverseAsync_LibriVoxRecording_ReceivesTranscriptAndAudio()
    {
        var ingested = await manual.GetAsync(fixture);
        var (path, reference) = Recordings.LibriVoxUtterance("0880");
        using var timeout = new CancellationTokenSource(StepTimeout);
        await using var session = await _client.Conversations.ConverseAsync(
            new ConverseOptions { KnowledgeBase = ingested.KnowledgeBase.Name }, timeout.Token);
        await session.UpdateSessionAsync(new VoiceSettings
        {
            InputFormat = AudioFormat.Pcm16(InputRate),
            OutputFormat = AudioFormat.Pcm16(OutputRate),
            TurnDetection = TurnDetection.Default,
        }, timeout.Token);

        var reading = ReadUntilAnsweredAsync(session, timeout.Token);
        await StreamAsync(session, Recordings.ReadWave(path), silenceMs: 1000, timeout.Token);
        var events = await reading;
        var history = await _client.Conversations.GetHistoryAsync(session.ConversationId!.Value, timeout.Token);

        var created = Assert.IsType<SessionCreated>(events[0]);
        var updated = events.OfType<SessionUpdated>().Single();
        var transcript = events.OfType<TranscriptionCompleted>().Single();
        var audio = events.OfType<AnswerAudioDelta>().ToList();
        var done = Assert.IsType<VoiceResponseDone>(events[^1]);
        var wer = Recordings.WordErrorRate(reference, transcript.Transcript);
        output.WriteLine($"Word error rate {wer:P1}: '{transcript.Transcript}' for '{reference}'.");
        Assert.Equal(created.ConversationId, session.ConversationId);
        Assert.Equal(AudioFormat.Pcm16(InputRate), updated.Configuration.InputFormat);
        Assert.Equal(AudioFormat.Pcm16(OutputRate), updated.Configuration.OutputFormat);
        Assert.True(updated.Configuration.TurnDetection.ServerVad);
        Assert.Single(events.OfType<SpeechStarted>());
        Assert.Single(events.OfType<SpeechStopped>());
        Assert.True(wer <= 0.5, $"Word error rate {wer:P0}: '{transcript.Transcript}' for '{reference}'.");
        Assert.NotEmpty(string.Concat(events.OfType<AnswerTextDelta>().Select(delta => delta.Delta)));
        Assert.NotEmpty(audio);
        Assert.All(audio, delta => Assert.Equal(AudioFormat.Pcm16(OutputRate), delta.Format));
        Assert.All(audio, delta => Assert.Equal(done.ResponseId, delta.ResponseId));
        Assert.All(audio, delta => Assert.Equal(0, delta.Audio.Length % 2));
        // 100 ms of 16 kHz 16-bit audio per delta, less at the end of a sentence.
        Assert.Equal(OutputRate / 10 * 2, audio[0].Audio.Length);
        var samples = audio.SelectMany(delta => ToSamples(delta.Audio)).ToArray();
        Assert.Equal(done.AudioSeconds, (double)samples.Length / OutputRate, 2);
        Assert.True(samples.Max(sample => Math.Abs((int)sample)) > 1000, "The answer audio is silent.");
        Assert.Equal(VoiceResponseStatus.Completed, done.Status);
        Assert.Null(done.Error);
        Assert.Equal(events.Select(e => e.Sequence).Order().Distinct(), events.Select(e => e.Sequence));
        Assert.Equal(events[^1].Sequence, session.LastSequence);
        Assert.Equal([MessageRole.User, MessageRole.Assistant], history.Select(message => message.Role));
        Assert.Equal(transcript.Transcript, history[0].Text);
        Assert.Equal(Modality.Voice, history[0].Modality);
        Assert.Equal(done.TurnId, history[1].Id);
    }

    [Fact]
    public async Task ConverseAsync_ResumeAfterFirstEvent_ReturnsLaterEventsAgain()
    {
        var ingested = await manual.GetAsync(fixture);
        using var timeout = new CancellationTokenSource(StepTimeout);
        var first = await _client.Conversations.ConverseAsync(
            new ConverseOptions { KnowledgeBase = ingested.KnowledgeBase.Name }, timeout.Token);
        await first.UpdateSessionAsync(new VoiceSettings { InputFormat = AudioFormat.MuLaw }, timeout.Token);
        var sent = await ReadUntilAsync<SessionUpdated>(first, timeout.Token);
        await first.DisposeAsync();

        await using var resumed = await _client.Conversations.ConverseAsync(new ConverseOptions
        {
            KnowledgeBase = ingested.KnowledgeBase.Name, ConversationId = first.ConversationId, ResumeAfter = sent[0].Sequence,
        }, timeout.Token);
        var again = await ReadUntilAsync<SessionUpdated>(resumed, timeout.Token);

        Assert.IsType<SessionCreated>(sent[0]);
        Assert.Equal(sent.Skip(1).Select(e => e.Sequence), again.Select(e => e.Sequence));
        Assert.Equal(AudioFormat.MuLaw, ((SessionUpdated)again[^1]).Configuration.InputFormat);
        Assert.Equal(first.ConversationId, resumed.ConversationId);
    }

    [Fact]
    public async Task SendAudioAsync_OddPcmByteCount_ReportsInvalidAudioAndGoesOn()
    {
        var ingested = await manual.GetAsync(fixture);
        using var timeout = new CancellationTokenSource(StepTimeout);
        await using var session = await _client.Conversations.ConverseAsync(
            new ConverseOptions { KnowledgeBase = ingested.KnowledgeBase.Name }, timeout.Token);

        await session.SendAudioAsync(new byte[3], timeout.Token);
        var rejected = await ReadUntilAsync<SessionError>(session, timeout.Token);
        var eventId = await session.UpdateSessionAsync(new VoiceSettings { TurnDetection = TurnDetection.None }, timeout.Token);
        var updated = await ReadUntilAsync<SessionUpdated>(session, timeout.Token);

        var error = ((SessionError)rejected[^1]).Error;
        Assert.Equal("invalid_audio", error.Code);
        Assert.Equal("audio", error.Param);
        Assert.False(error.IsServerError);
        Assert.StartsWith("evt_", eventId, StringComparison.Ordinal);
        Assert.False(((SessionUpdated)updated[^1]).Configuration.TurnDetection.ServerVad);
    }

    [Fact]
    public async Task ConverseAsync_UnknownKnowledgeBase_ThrowsNotFoundWithCode()
    {
        var failure = await Assert.ThrowsAsync<VoiceHelperNotFoundException>(() => _client.Conversations.ConverseAsync(
            new ConverseOptions { KnowledgeBase = $"missing-{Guid.NewGuid():N}" }));

        Assert.Equal(ErrorCodes.ModelNotFound, failure.ErrorCode);
    }

    [Fact]
    public async Task SendEventAsync_NotAnObject_ThrowsArgumentException()
    {
        var ingested = await manual.GetAsync(fixture);
        await using var session = await _client.Conversations.ConverseAsync(
            new ConverseOptions { KnowledgeBase = ingested.KnowledgeBase.Name });

        var failure = await Assert.ThrowsAsync<ArgumentException>(() => session.SendEventAsync("[\"response.create\"]"));

        Assert.Equal("eventJson", failure.ParamName);
    }

    // Sends 16-bit samples in 20 ms frames at real-time pace, then silence that lets server VAD end the turn.
    private static async Task StreamAsync(VoiceSession session, short[] samples, int silenceMs, CancellationToken cancellationToken)
    {
        const int FrameSamples = InputRate / 50;
        var audio = samples.Concat(new short[silenceMs * InputRate / 1000]).ToArray();
        var bytes = new byte[audio.Length * 2];
        for (var i = 0; i < audio.Length; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(2 * i), audio[i]);
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var frame = 0; frame * FrameSamples < audio.Length; frame++)
        {
            var offset = frame * FrameSamples * 2;
            await session.SendAudioAsync(bytes.AsMemory(offset, Math.Min(FrameSamples * 2, bytes.Length - offset)), cancellationToken);
            var due = TimeSpan.FromMilliseconds((frame + 1) * 20);
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed, cancellationToken);
            }
        }
    }

    private static async Task<List<VoiceEvent>> ReadUntilAnsweredAsync(VoiceSession session, CancellationToken cancellationToken)
    {
        var events = new List<VoiceEvent>();
        await foreach (var voiceEvent in session.ReadEventsAsync(cancellationToken))
        {
            events.Add(voiceEvent);
            if (voiceEvent is VoiceResponseDone)
            {
                break;
            }
        }

        return events;
    }

    private static async Task<List<VoiceEvent>> ReadUntilAsync<T>(VoiceSession session, CancellationToken cancellationToken)
        where T : VoiceEvent
    {
        var events = new List<VoiceEvent>();
        await foreach (var voiceEvent in session.ReadEventsAsync(cancellationToken))
        {
            events.Add(voiceEvent);
            if (voiceEvent is T)
            {
                break;
            }
        }

        return events;
    }

    private static short[] ToSamples(ReadOnlyMemory<byte> bytes)
    {
        var samples = new short[bytes.Length / 2];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = BinaryPrimitives.ReadInt16LittleEndian(bytes.Span[(2 * i)..]);
        }

        return samples;
    }
}
