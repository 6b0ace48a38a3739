using Npgsql;
using VoiceHelper.Integration.Tests.Infrastructure;
using static VoiceHelper.Integration.Tests.Realtime.RealtimeSocket;

namespace VoiceHelper.Integration.Tests.Realtime;

/// <summary>
/// With <c>Voice:KeepUserAudio</c> on, as the service fixture sets it, a spoken user turn keeps its 16 kHz audio in
/// <c>voice_turn_audio</c> beside the stored turn.
/// </summary>
[Collection(ServiceCollection.Name)]
[Trait("Category", "Integration")]
public sealed class RealtimeUserAudioTests(ServiceFixture fixture)
{
    [Fact]
    public async Task SpokenTurn_KeepsItsAudio()
    {
        var manual = await ManualModel.GetAsync(fixture);
        var (path, _) = Recordings.LibriVoxUtterance("0880");
        var speech = Recordings.ReadWave(path);
        string conversationId;
        await using (var socket = await ConnectAsync(fixture, fixture.AdminKeyOfTenantA, $"model={manual.Name}"))
        {
            var created = await socket.WaitForTypeAsync("session.created");
            conversationId = created.GetProperty("session").GetProperty("voicehelper").GetProperty("conversation_id").GetString()!;
            await socket.SendAsync(new { type = "session.update", session = new { type = "realtime", audio = new { input = new { format = new { type = "audio/pcm", rate = 16_000 } } } } });
            await socket.WaitForTypeAsync("session.updated");
            await socket.StreamAsync(speech);
            await socket.WaitForTypeAsync("response.done");
        }

        var (sampleRate, bytes) = await ReadUserAudioAsync(Guid.Parse(conversationId));

        Assert.Equal(16_000, sampleRate);
        // The turn is the speech that VAD detected, with its prefix padding: most of the 3 s recording, never more
        // than the recording and the second of silence after it.
        var seconds = bytes / 2 / 16_000.0;
        Assert.InRange(seconds, 1.5, speech.Length / 16_000.0 + 1);
    }

    private async Task<(int SampleRate, int Bytes)> ReadUserAudioAsync(Guid conversationId)
    {
        // The audio is stored beside the answer, so it may land a moment after response.done.
        for (var attempt = 0; attempt < 50; attempt++)
        {
            await using var command = fixture.DataSource.CreateCommand("""
                SELECT a.sample_rate, length(a.audio)
                FROM voice_turn_audio a JOIN conversation_turns t ON t.id = a.turn_id
                WHERE t.conversation_id = $1 AND t.role = 'user' AND t.modality = 'voice'
                """);
            command.Parameters.Add(new NpgsqlParameter { Value = conversationId });
            await using var reader = await command.ExecuteReaderAsync();
            if (await reader.ReadAsync())
            {
                return (reader.GetInt32(0), reader.GetInt32(1));
            }

            await Task.Delay(100);
        }

        throw new Xunit.Sdk.XunitException($"No voice_turn_audio row was stored for the user turn of {conversationId}.");
    }
}
