using VoiceHelper.Speech.Audio;

namespace VoiceHelper.Speech.Tests.Audio;

[Trait("Category", "Unit")]
public sealed class Pcm16Tests
{
    [Fact]
    public void FromBytes_ReadsLittleEndian()
    {
        var samples = Pcm16.FromBytes([0x01, 0x00, 0xFF, 0x7F, 0x00, 0x80]);

        Assert.Equal([1, short.MaxValue, short.MinValue], samples);
    }

    [Fact]
    public void FromBytes_OddLength_Throws()
    {
        var exception = Assert.Throws<ArgumentException>(() => Pcm16.FromBytes([1, 2, 3]));

        Assert.Contains("3", exception.Message);
    }

    [Fact]
    public void ToBytes_FromBytes_RoundTrips()
    {
        short[] samples = [0, 1, -1, 12345, short.MinValue, short.MaxValue];

        Assert.Equal(samples, Pcm16.FromBytes(Pcm16.ToBytes(samples)));
    }

    [Fact]
    public void FromFloat_ClipsOutOfRange()
    {
        Assert.Equal(short.MaxValue, Pcm16.FromFloat(1.5f));
        Assert.Equal(short.MinValue, Pcm16.FromFloat(-1.5f));
    }

    [Fact]
    public void ToFloat_FromFloat_RoundTrips()
    {
        short[] samples = [0, 1, -1, 12345, short.MinValue, short.MaxValue];

        Assert.Equal(samples, Pcm16.FromFloat(Pcm16.ToFloat(samples)));
    }
}
