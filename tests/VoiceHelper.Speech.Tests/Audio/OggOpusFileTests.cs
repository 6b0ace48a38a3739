using VoiceHelper.Speech.Audio;
using VoiceHelper.Speech.Tests.Infrastructure;

namespace VoiceHelper.Speech.Tests.Audio;

[Trait("Category", "Unit")]
public sealed class OggOpusFileTests
{
    [Fact]
    public void Decode_OpusencOutput_KeepsDurationAndSignal()
    {
        var recording = TestRecordings.LibriVox[1];
        var original = TestRecordings.ReadClip(recording.Path);
        var opus = OpusEncoderTool.Encode(recording.Path, "--bitrate", "32");

        var decoded = OggOpusFile.Decode(opus, 16_000, TimeSpan.FromMinutes(1));

        Assert.Equal(16_000, decoded.SampleRate);
        // The pre-skip and the last page's granule position trim the decoder's padding, so the lengths agree exactly.
        Assert.Equal(original.Samples.Length, decoded.Samples.Length);
        // A lossy codec keeps the loudness contour of speech, not each sample's phase.
        var correlation = Correlation(Envelope(original.Samples), Envelope(decoded.Samples));
        Assert.True(correlation > 0.95, $"The loudness contours correlate by {correlation:0.000} only.");
    }

    [Fact]
    public void Decode_At48kHz_ScalesLength()
    {
        var recording = TestRecordings.Cards[0];
        var original = TestRecordings.ReadClip(recording.Path);
        var opus = OpusEncoderTool.Encode(recording.Path);

        var decoded = OggOpusFile.Decode(opus, 48_000, TimeSpan.FromMinutes(1));

        Assert.Equal(original.Samples.Length * 3, decoded.Samples.Length);
    }

    [Fact]
    public void Decode_DamagedPage_ThrowsCrcError()
    {
        var opus = OpusEncoderTool.Encode(TestRecordings.Cards[0].Path);
        opus[opus.Length / 2] ^= 0x40;

        var exception = Assert.Throws<AudioFormatException>(() => OggOpusFile.Decode(opus, 16_000, TimeSpan.FromMinutes(1)));

        Assert.Contains("CRC", exception.Message);
    }

    [Fact]
    public void Decode_Truncated_Throws()
    {
        var opus = OpusEncoderTool.Encode(TestRecordings.Cards[0].Path);

        var exception = Assert.Throws<AudioFormatException>(
            () => OggOpusFile.Decode(opus.AsSpan(0, opus.Length - 100), 16_000, TimeSpan.FromMinutes(1)));

        Assert.Contains("ends after", exception.Message);
    }

    [Fact]
    public void Decode_LongerThanLimit_Throws()
    {
        var opus = OpusEncoderTool.Encode(TestRecordings.LibriVox[0].Path);

        var exception = Assert.Throws<AudioFormatException>(() => OggOpusFile.Decode(opus, 16_000, TimeSpan.FromSeconds(2)));

        Assert.Contains("limit of 2 seconds", exception.Message);
    }

    // The RMS of each 20 ms frame.
    private static double[] Envelope(short[] samples) =>
        [.. samples.Chunk(320).Select(frame => Signals.Rms(frame))];

    private static double Correlation(double[] a, double[] b)
    {
        double ab = 0, aa = 0, bb = 0;
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            ab += a[i] * b[i];
            aa += a[i] * a[i];
            bb += b[i] * b[i];
        }

        return ab / Math.Sqrt(aa * bb);
    }
}
