using System.Buffers.Binary;
using System.Text;

namespace VoiceHelper.Speech.Audio;

/// <summary>
/// Reads and writes RIFF WAVE files. Reading accepts integer PCM of 8, 16, 24 and 32 bits, 32-bit IEEE float,
/// G.711 μ-law and A-law, in plain or WAVE_FORMAT_EXTENSIBLE headers, with any number of channels, which are
/// averaged to mono. Writing produces 16-bit mono PCM.
/// </summary>
public static class WaveFile
{
    private const ushort FormatPcm = 1;
    private const ushort FormatIeeeFloat = 3;
    private const ushort FormatALaw = 6;
    private const ushort FormatMuLaw = 7;
    private const ushort FormatExtensible = 0xFFFE;
    private const int MaxChannels = 32;

    /// <summary>Returns whether <paramref name="header"/> starts like a RIFF WAVE file.</summary>
    public static bool IsWave(ReadOnlySpan<byte> header) =>
        header.Length >= 12 && header[..4].SequenceEqual("RIFF"u8) && header[8..12].SequenceEqual("WAVE"u8);

    /// <summary>Decodes a WAVE file to mono 16-bit samples at the file's sample rate.</summary>
    /// <exception cref="AudioFormatException">The file is damaged or uses an unsupported encoding.</exception>
    public static AudioClip Read(ReadOnlySpan<byte> file)
    {
        if (!IsWave(file))
        {
            throw new AudioFormatException("The data is not a WAVE file: it does not start with 'RIFF' and 'WAVE'.");
        }

        WaveFormat? format = null;
        var offset = 12;
        while (offset + 8 <= file.Length)
        {
            var id = Encoding.ASCII.GetString(file.Slice(offset, 4));
            var size = BinaryPrimitives.ReadUInt32LittleEndian(file[(offset + 4)..]);
            var body = offset + 8;
            if (id == "fmt ")
            {
                format = ReadFormat(file.Slice(body, (int)Math.Min(size, (uint)(file.Length - body))));
            }
            else if (id == "data")
            {
                if (format is null)
                {
                    throw new AudioFormatException("The WAVE file has its 'data' chunk before its 'fmt ' chunk.");
                }

                // Streamed WAVE files often give 0 or 0xFFFFFFFF as the size, so a size past the end means "to the end".
                var available = file.Length - body;
                var length = size == 0 || size > available ? available : (int)size;
                return Decode(format, file.Slice(body, length));
            }

            // Chunks are padded to an even size.
            offset = (int)Math.Min(file.Length, body + (long)size + (size & 1));
        }

        throw new AudioFormatException(format is null
            ? "The WAVE file has no 'fmt ' chunk."
            : "The WAVE file has no 'data' chunk.");
    }

    /// <summary>Encodes a clip as a 16-bit mono PCM WAVE file.</summary>
    public static byte[] Write(AudioClip clip)
    {
        ArgumentNullException.ThrowIfNull(clip);
        var dataBytes = clip.Samples.Length * 2;
        var file = new byte[44 + dataBytes];
        var span = file.AsSpan();
        "RIFF"u8.CopyTo(span);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], 36 + dataBytes);
        "WAVEfmt "u8.CopyTo(span[8..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[16..], 16);
        BinaryPrimitives.WriteUInt16LittleEndian(span[20..], FormatPcm);
        BinaryPrimitives.WriteUInt16LittleEndian(span[22..], 1);
        BinaryPrimitives.WriteInt32LittleEndian(span[24..], clip.SampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(span[28..], clip.SampleRate * 2);
        BinaryPrimitives.WriteUInt16LittleEndian(span[32..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(span[34..], 16);
        "data"u8.CopyTo(span[36..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[40..], dataBytes);
        for (var i = 0; i < clip.Samples.Length; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(span[(44 + 2 * i)..], clip.Samples[i]);
        }

        return file;
    }

    private static WaveFormat ReadFormat(ReadOnlySpan<byte> chunk)
    {
        if (chunk.Length < 16)
        {
            throw new AudioFormatException($"The WAVE 'fmt ' chunk has {chunk.Length} bytes, fewer than the 16 it needs.");
        }

        var tag = BinaryPrimitives.ReadUInt16LittleEndian(chunk);
        var channels = BinaryPrimitives.ReadUInt16LittleEndian(chunk[2..]);
        var sampleRate = BinaryPrimitives.ReadInt32LittleEndian(chunk[4..]);
        var bits = BinaryPrimitives.ReadUInt16LittleEndian(chunk[14..]);
        if (tag == FormatExtensible && chunk.Length >= 26)
        {
            // The first two bytes of the sub-format GUID are the format tag.
            tag = BinaryPrimitives.ReadUInt16LittleEndian(chunk[24..]);
        }

        if (channels is 0 or > MaxChannels)
        {
            throw new AudioFormatException($"The WAVE file declares {channels} channels; 1 to {MaxChannels} are supported.");
        }

        if (sampleRate is < 1_000 or > 384_000)
        {
            throw new AudioFormatException(
                $"The WAVE file declares a sample rate of {sampleRate} Hz; 1,000 to 384,000 Hz are supported.");
        }

        return new WaveFormat(tag, channels, sampleRate, bits);
    }

    private static AudioClip Decode(WaveFormat format, ReadOnlySpan<byte> data)
    {
        var bytesPerSample = BytesPerSample(format);
        var frameBytes = bytesPerSample * format.Channels;
        var frames = data.Length / frameBytes;
        var samples = new short[frames];
        for (var frame = 0; frame < frames; frame++)
        {
            var sum = 0;
            for (var channel = 0; channel < format.Channels; channel++)
            {
                sum += ReadSample(format, data.Slice(frame * frameBytes + channel * bytesPerSample, bytesPerSample));
            }

            samples[frame] = (short)(sum / format.Channels);
        }

        return new AudioClip(samples, format.SampleRate);
    }

    private static int BytesPerSample(WaveFormat format) => (format.Tag, format.BitsPerSample) switch
    {
        (FormatPcm, 8) => 1,
        (FormatPcm, 16) => 2,
        (FormatPcm, 24) => 3,
        (FormatPcm, 32) => 4,
        (FormatIeeeFloat, 32) => 4,
        (FormatMuLaw or FormatALaw, 8) => 1,
        _ => throw new AudioFormatException(
            $"WAVE format tag {format.Tag} with {format.BitsPerSample} bits per sample is not supported. Send 8, 16, 24 " +
            "or 32-bit integer PCM, 32-bit float, μ-law or A-law.", isUnsupported: true),
    };

    private static short ReadSample(WaveFormat format, ReadOnlySpan<byte> bytes) => (format.Tag, bytes.Length) switch
    {
        (FormatPcm, 1) => (short)((bytes[0] - 128) << 8),
        (FormatPcm, 2) => BinaryPrimitives.ReadInt16LittleEndian(bytes),
        (FormatPcm, 3) => (short)(bytes[2] << 8 | bytes[1]),
        (FormatPcm, 4) => (short)(BinaryPrimitives.ReadInt32LittleEndian(bytes) >> 16),
        (FormatIeeeFloat, 4) => ReadFloatSample(bytes),
        (FormatMuLaw, 1) => G711.DecodeMuLaw(bytes[0]),
        (FormatALaw, 1) => G711.DecodeALaw(bytes[0]),
        _ => throw new InvalidOperationException($"No reader for format tag {format.Tag} with {bytes.Length}-byte samples."),
    };

    private static short ReadFloatSample(ReadOnlySpan<byte> bytes)
    {
        var value = BinaryPrimitives.ReadSingleLittleEndian(bytes);
        return float.IsFinite(value) ? Pcm16.FromFloat(value) : (short)0;
    }

    private sealed record WaveFormat(ushort Tag, int Channels, int SampleRate, int BitsPerSample);
}
