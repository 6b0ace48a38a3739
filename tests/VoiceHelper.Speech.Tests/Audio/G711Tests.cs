using VoiceHelper.Speech.Audio;

namespace VoiceHelper.Speech.Tests.Audio;

[Trait("Category", "Unit")]
public sealed class G711Tests
{
    // Reference values of ITU-T G.711: silence, the largest magnitudes, and a few codes of each segment.
    [Theory]
    [InlineData(0, 0xFF)]
    [InlineData(-1, 0x7F)]
    [InlineData(32767, 0x80)]
    [InlineData(-32768, 0x00)]
    [InlineData(1000, 0xCE)]
    [InlineData(-1000, 0x4E)]
    public void MuLaw_Encode_MatchesReferenceCodes(short sample, int expected)
    {
        Assert.Equal((byte)expected, G711.EncodeMuLaw(sample));
    }

    [Theory]
    [InlineData(0, 0xD5)]
    [InlineData(-1, 0x55)]
    [InlineData(32767, 0xAA)]
    [InlineData(-32768, 0x2A)]
    [InlineData(1000, 0xFA)]
    [InlineData(-1000, 0x7A)]
    public void ALaw_Encode_MatchesReferenceCodes(short sample, int expected)
    {
        Assert.Equal((byte)expected, G711.EncodeALaw(sample));
    }

    [Fact]
    public void MuLaw_DecodeThenEncode_ReturnsEveryCode()
    {
        for (var code = 0; code < 256; code++)
        {
            // 0x7F and 0xFF both decode to zero, so zero encodes to one of them.
            if (code == 0x7F)
            {
                continue;
            }

            Assert.Equal((byte)code, G711.EncodeMuLaw(G711.DecodeMuLaw((byte)code)));
        }
    }

    [Fact]
    public void ALaw_DecodeThenEncode_ReturnsEveryCode()
    {
        for (var code = 0; code < 256; code++)
        {
            Assert.Equal((byte)code, G711.EncodeALaw(G711.DecodeALaw((byte)code)));
        }
    }

    [Fact]
    public void MuLaw_RoundTrip_StaysWithinQuantizationStep()
    {
        for (int sample = short.MinValue; sample <= short.MaxValue; sample += 7)
        {
            var decoded = G711.DecodeMuLaw(G711.EncodeMuLaw((short)sample));
            // Segment steps double from 8 to 1024; the error is at most half a step, and the clip level is 32635.
            var magnitude = Math.Min(Math.Abs(sample), 32635);
            var allowed = Math.Max(8, StepAt(magnitude + 132) / 2 + 1);
            Assert.True(Math.Abs(Math.Clamp(sample, -32635, 32635) - decoded) <= allowed,
                $"Sample {sample} decoded to {decoded}, more than {allowed} away.");
        }
    }

    [Fact]
    public void ALaw_RoundTrip_StaysWithinQuantizationStep()
    {
        for (int sample = short.MinValue; sample <= short.MaxValue; sample += 7)
        {
            var decoded = G711.DecodeALaw(G711.EncodeALaw((short)sample));
            var allowed = Math.Max(16, StepAt(Math.Abs(sample)) / 2 + 8);
            Assert.True(Math.Abs(sample - decoded) <= allowed, $"Sample {sample} decoded to {decoded}, more than {allowed} away.");
        }
    }

    [Fact]
    public void Decode_SignIsSymmetric()
    {
        Assert.Equal(-G711.DecodeMuLaw(0x80), G711.DecodeMuLaw(0x00));
        Assert.Equal(-G711.DecodeALaw(0xAA), G711.DecodeALaw(0x2A));
    }

    // The quantization step of a 16-bit magnitude in a 16-segment companding law: 16 steps per octave above 128.
    private static int StepAt(int magnitude) => magnitude < 256 ? 16 : (int)Math.Pow(2, Math.Floor(Math.Log2(magnitude)) - 4);
}
