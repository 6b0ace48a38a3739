using System.Buffers.Binary;
using VoiceHelper.Speech.Audio;
using VoiceHelper.Speech.Tests.Infrastructure;

namespace VoiceHelper.Speech.Tests.Audio;

[Trait("Category", "Unit")]
public sealed class WaveFileTests
{
    [Fact]
    public void Read_LibriVoxRecording_Returns16kHzMono()
    {
        var recording = TestRecordings.LibriVox[1];

        var clip = TestRecordings.ReadClip(recording.Path);

        Assert.Equal(16_000, clip.SampleRate);
        Assert.Equal((new FileInfo(recording.Path).Length - 44) / 2, clip.Samples.Length);
    }

    [Fact]
    public void Write_ThenRead_RoundTrips()
    {
        var clip = new AudioClip(Signals.Sine(440, 24_000, 0.1), 24_000);

        var read = WaveFile.Read(WaveFile.Write(clip));

        Assert.Equal(clip.SampleRate, read.SampleRate);
        Assert.Equal(clip.Samples, read.Samples);
    }

    [Fact]
    public void Read_StereoFloat_AveragesChannels()
    {
        var file = WaveWithFormat(3, channels: 2, bitsPerSample: 32, [0.5f, 0.25f, -1f, 0f]);

        var clip = WaveFile.Read(file);

        Assert.Equal([Pcm16.FromFloat(0.375f), Pcm16.FromFloat(-0.5f)], clip.Samples);
    }

    [Fact]
    public void Read_MuLaw_DecodesSamples()
    {
        var encoded = G711.EncodeMuLaw([1000, -1000]);
        var file = WaveWithData(7, 1, 8, encoded);

        var clip = WaveFile.Read(file);

        Assert.Equal(G711.DecodeMuLaw(encoded), clip.Samples);
    }

    [Fact]
    public void Read_NotRiff_Throws()
    {
        var exception = Assert.Throws<AudioFormatException>(() => WaveFile.Read("OggS and more bytes"u8));

        Assert.False(exception.IsUnsupported);
    }

    [Fact]
    public void Read_Adpcm_ThrowsUnsupported()
    {
        var file = WaveWithData(2, 1, 4, new byte[16]);

        var exception = Assert.Throws<AudioFormatException>(() => WaveFile.Read(file));

        Assert.True(exception.IsUnsupported);
        Assert.Contains("format tag 2", exception.Message);
    }

    [Fact]
    public void Read_NoDataChunk_Throws()
    {
        var file = WaveWithData(1, 1, 16, [])[..36];

        var exception = Assert.Throws<AudioFormatException>(() => WaveFile.Read(file));

        Assert.Contains("'data'", exception.Message);
    }

    [Fact]
    public void Decode_TooLong_Throws()
    {
        var file = WaveFile.Write(new AudioClip(new short[16_000 * 3], 16_000));

        var exception = Assert.Throws<AudioFormatException>(() => AudioFile.Decode(file, TimeSpan.FromSeconds(2)));

        Assert.Contains("limit is 2", exception.Message);
    }

    [Fact]
    public void Decode_UnknownFormat_ThrowsUnsupported()
    {
        var exception = Assert.Throws<AudioFormatException>(() => AudioFile.Decode("ID3 mp3 bytes"u8, TimeSpan.FromSeconds(10)));

        Assert.True(exception.IsUnsupported);
    }

    private static byte[] WaveWithFormat(ushort tag, int channels, int bitsPerSample, float[] samples)
    {
        var data = new byte[samples.Length * 4];
        for (var i = 0; i < samples.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(data.AsSpan(4 * i), samples[i]);
        }

        return WaveWithData(tag, channels, bitsPerSample, data);
    }

    private static byte[] WaveWithData(ushort tag, int channels, int bitsPerSample, byte[] data)
    {
        var file = new byte[44 + data.Length];
        var span = file.AsSpan();
        "RIFF"u8.CopyTo(span);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], 36 + data.Length);
        "WAVEfmt "u8.CopyTo(span[8..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[16..], 16);
        BinaryPrimitives.WriteUInt16LittleEndian(span[20..], tag);
        BinaryPrimitives.WriteUInt16LittleEndian(span[22..], (ushort)channels);
        BinaryPrimitives.WriteInt32LittleEndian(span[24..], 8_000);
        BinaryPrimitives.WriteInt32LittleEndian(span[28..], 8_000 * channels * bitsPerSample / 8);
        BinaryPrimitives.WriteUInt16LittleEndian(span[32..], (ushort)(channels * bitsPerSample / 8));
        BinaryPrimitives.WriteUInt16LittleEndian(span[34..], (ushort)bitsPerSample);
        "data"u8.CopyTo(span[36..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[40..], data.Length);
        data.CopyTo(span[44..]);
        return file;
    }
}
