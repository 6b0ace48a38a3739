using VoiceHelper.Speech.Audio;
using VoiceHelper.Speech.Tests.Infrastructure;

namespace VoiceHelper.Speech.Tests.Audio;

[Trait("Category", "Unit")]
public sealed class StreamConverterTests
{
    [Theory]
    [InlineData("audio/pcm", StreamEncoding.Pcm16, 24_000)]
    [InlineData("pcm16", StreamEncoding.Pcm16, 24_000)]
    [InlineData("audio/pcmu", StreamEncoding.MuLaw, 8_000)]
    [InlineData("g711_ulaw", StreamEncoding.MuLaw, 8_000)]
    [InlineData("audio/pcma", StreamEncoding.ALaw, 8_000)]
    [InlineData("g711_alaw", StreamEncoding.ALaw, 8_000)]
    public void Parse_RealtimeNames_GiveFormat(string name, StreamEncoding encoding, int sampleRate)
    {
        var format = StreamFormat.Parse(name);

        Assert.Equal(encoding, format.Encoding);
        Assert.Equal(sampleRate, format.SampleRate);
    }

    [Fact]
    public void Parse_Unknown_Throws()
    {
        var exception = Assert.Throws<ArgumentException>(() => StreamFormat.Parse("audio/mp3"));

        Assert.Contains("'audio/mp3'", exception.Message);
    }

    [Fact]
    public void Input_Pcm24kInOddChunks_Gives16kSine()
    {
        var bytes = Pcm16.ToBytes(Signals.Sine(1_000, 24_000, 1.0));
        var converter = new AudioInputConverter(StreamFormat.Default);

        var samples = new List<short>();
        for (var offset = 0; offset < bytes.Length; offset += 481)
        {
            samples.AddRange(converter.Convert(bytes.AsSpan(offset, Math.Min(481, bytes.Length - offset))));
        }

        Assert.Equal(1_000.0, converter.ReceivedMs, precision: 3);
        Assert.InRange(samples.Count, 15_900, 16_000);
        var power = Signals.PowerAt(samples.Skip(200).ToArray(), 1_000, 16_000);
        var offPower = Signals.PowerAt(samples.Skip(200).ToArray(), 700, 16_000);
        Assert.True(power > 100 * offPower, $"Power at 1 kHz {power}, at 700 Hz {offPower}.");
    }

    [Fact]
    public void Input_MuLaw8k_Gives16kSamples()
    {
        var encoded = G711.EncodeMuLaw(Signals.Sine(440, 8_000, 0.5));
        var converter = new AudioInputConverter(StreamFormat.Parse("audio/pcmu"));

        var samples = converter.Convert(encoded);

        Assert.InRange(samples.Length, 7_900, 8_000);
        Assert.True(Signals.Rms(samples.AsSpan(200)) > 5_000, "The decoded audio is too quiet.");
    }

    [Fact]
    public void Output_ESpeakRateToALaw_EncodesAt8k()
    {
        var converter = new AudioOutputConverter(StreamFormat.Parse("audio/pcma"));

        var bytes = converter.Convert(new AudioClip(Signals.Sine(440, 22_050, 1.0), 22_050));

        Assert.InRange(bytes.Length, 7_900, 8_000);
        var decoded = G711.DecodeALaw(bytes);
        Assert.True(Signals.PowerAt(decoded.AsSpan(200), 440, 8_000) > 100 * Signals.PowerAt(decoded.AsSpan(200), 600, 8_000));
    }

    [Fact]
    public void Output_Pcm24k_TracksProducedTime()
    {
        var converter = new AudioOutputConverter(StreamFormat.Default);

        var first = converter.Convert(new AudioClip(new short[22_050], 22_050));
        var second = converter.Convert(new AudioClip(new short[22_050], 22_050));

        Assert.Equal(0, (first.Length + second.Length) % 2);
        Assert.InRange(converter.ProducedMs, 1_900, 2_000);
    }
}
