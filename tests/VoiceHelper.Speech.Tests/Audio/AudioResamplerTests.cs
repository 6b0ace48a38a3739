using VoiceHelper.Speech.Audio;
using VoiceHelper.Speech.Tests.Infrastructure;

namespace VoiceHelper.Speech.Tests.Audio;

[Trait("Category", "Unit")]
public sealed class AudioResamplerTests
{
    [Theory]
    [InlineData(24_000, 16_000, 1_000.0)]
    [InlineData(16_000, 24_000, 3_000.0)]
    [InlineData(8_000, 16_000, 440.0)]
    [InlineData(22_050, 16_000, 2_500.0)]
    // 6 kHz is below the filter's transition band, which starts about 5% under the lower rate's 8 kHz Nyquist frequency.
    [InlineData(48_000, 16_000, 6_000.0)]
    public void Resample_Sine_KeepsItsFrequency(int inputRate, int outputRate, double frequency)
    {
        var input = Signals.Sine(frequency, inputRate, 1.0);

        var output = AudioResampler.Resample(input, inputRate, outputRate);

        var atFrequency = Signals.PowerAt(output, frequency, outputRate);
        var offFrequency = Signals.PowerAt(output, frequency * 0.8, outputRate);
        Assert.True(atFrequency > 100 * offFrequency, $"Power at {frequency} Hz: {atFrequency}, at 80%: {offFrequency}.");
        Assert.InRange(Signals.Rms(output), 0.9 * Signals.Rms(input), 1.1 * Signals.Rms(input));
    }

    [Fact]
    public void Resample_WholeClip_KeepsDuration()
    {
        var input = Signals.Sine(440, 24_000, 0.75);

        var output = AudioResampler.Resample(input, 24_000, 16_000);

        Assert.Equal(12_000, output.Length);
    }

    [Fact]
    public void Resample_AboveNewNyquist_IsRemoved()
    {
        // 10 kHz cannot exist at 16 kHz; a resampler without a low-pass filter folds it to 6 kHz.
        var input = Signals.Sine(10_000, 48_000, 1.0);

        var output = AudioResampler.Resample(input, 48_000, 16_000);

        Assert.True(Signals.Rms(output) < 0.01 * Signals.Rms(input), $"RMS after resampling: {Signals.Rms(output)}.");
    }

    [Fact]
    public void Process_Chunks_MatchWholeClip()
    {
        var input = Signals.Sine(1_000, 24_000, 1.0);
        var whole = new AudioResampler(24_000, 16_000).Process(input);

        var streaming = new AudioResampler(24_000, 16_000);
        var chunked = new List<short>();
        for (var offset = 0; offset < input.Length; offset += 480)
        {
            chunked.AddRange(streaming.Process(input.AsSpan(offset, Math.Min(480, input.Length - offset))));
        }

        Assert.Equal(whole.Length, chunked.Count);
        Assert.Equal(whole, chunked);
    }

    [Fact]
    public void Constructor_InvalidRate_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new AudioResampler(0, 16_000));
    }
}
