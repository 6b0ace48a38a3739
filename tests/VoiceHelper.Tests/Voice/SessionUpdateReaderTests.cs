using System.Text.Json;
using VoiceHelper.Gateway.Realtime;
using VoiceHelper.Grains.Voice;

namespace VoiceHelper.Tests.Voice;

[Trait("Category", "Unit")]
public sealed class SessionUpdateReaderTests
{
    [Fact]
    public void Read_GaShape_ReadsFormatsAndTurnDetection()
    {
        var update = Read("""
            { "type": "realtime", "audio": {
                "input": { "format": { "type": "audio/pcm", "rate": 16000 },
                           "turn_detection": { "type": "server_vad", "threshold": 0.6, "silence_duration_ms": 700 } },
                "output": { "format": { "type": "audio/pcmu" }, "voice": "marin" } } }
            """, out var problem);

        Assert.Null(problem);
        Assert.Equal(VoiceAudioFormat.Pcm16, update!.InputFormat);
        Assert.Equal(16_000, update.InputRate);
        Assert.Equal(VoiceAudioFormat.MuLaw, update.OutputFormat);
        Assert.Equal("marin", update.Voice);
        Assert.True(update.SetTurnDetection);
        Assert.Equal(new VoiceTurnDetection(0.6f, 300, 700, true, true), update.TurnDetection);
    }

    [Fact]
    public void Read_BetaShape_ReadsFormatNamesAndManualTurns()
    {
        var update = Read("""{ "input_audio_format": "g711_alaw", "output_audio_format": "pcm16", "turn_detection": null }""", out _);

        Assert.Equal(VoiceAudioFormat.ALaw, update!.InputFormat);
        Assert.Equal(VoiceAudioFormat.Pcm16, update.OutputFormat);
        Assert.True(update.SetTurnDetection);
        Assert.Null(update.TurnDetection);
    }

    [Fact]
    public void Read_NoTurnDetection_KeepsIt()
    {
        var update = Read("""{ "instructions": "Be brief." }""", out _);

        Assert.False(update!.SetTurnDetection);
        Assert.Equal("Be brief.", update.Instructions);
    }

    [Theory]
    [InlineData("""{ "audio": { "input": { "format": { "type": "audio/opus" } } } }""", "session.audio.input.format.type is 'audio/opus'")]
    [InlineData("""{ "turn_detection": { "type": "semantic_vad" } }""", "only server_vad is supported")]
    [InlineData("""{ "type": "transcription" }""", "session.type is 'transcription'")]
    [InlineData("""{ "turn_detection": { "threshold": "high" } }""", "session.turn_detection.threshold must be a number")]
    [InlineData("""{ "audio": { "input": { "format": { "type": "audio/pcm", "rate": 16000.5 } } } }""", "must be a whole number")]
    public void Read_InvalidSetting_NamesIt(string json, string expected)
    {
        var update = Read(json, out var problem);

        Assert.Null(update);
        Assert.Contains(expected, problem);
    }

    private static VoiceSessionUpdate? Read(string json, out string? problem) =>
        SessionUpdateReader.Read(JsonDocument.Parse(json).RootElement, out problem);
}
