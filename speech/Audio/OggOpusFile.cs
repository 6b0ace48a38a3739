using System.Buffers.Binary;
using Concentus;
using VoiceHelper.Speech.Audio.Internal;

namespace VoiceHelper.Speech.Audio;

/// <summary>
/// Decodes Ogg Opus files (RFC 7845) with the managed Opus decoder of Concentus. The decoder mixes stereo down to
/// mono. The pre-skip, the end trim of the last page's granule position and the header's output gain are applied.
/// Only channel mapping family 0 (mono or stereo), which speech encoders and browsers write, is supported.
/// </summary>
public static class OggOpusFile
{
    /// <summary>The sample rates that <see cref="Decode"/> returns, those of Opus itself.</summary>
    public static readonly IReadOnlySet<int> SampleRates = new HashSet<int> { 8_000, 12_000, 16_000, 24_000, 48_000 };

    private const int GranuleRate = 48_000;
    private const int MaxFrameMilliseconds = 120;

    /// <summary>Returns whether <paramref name="header"/> starts like an Ogg file.</summary>
    public static bool IsOgg(ReadOnlySpan<byte> header) => header.Length >= 4 && header[..4].SequenceEqual("OggS"u8);

    /// <summary>
    /// Decodes the first Opus stream of an Ogg file to mono 16-bit samples at <paramref name="sampleRate"/>.
    /// </summary>
    /// <param name="file">The file's bytes.</param>
    /// <param name="sampleRate">One of <see cref="SampleRates"/>.</param>
    /// <param name="maxDuration">The longest audio to decode; a longer file fails before it uses more memory.</param>
    /// <exception cref="AudioFormatException">The file is damaged, not Opus, too long, or uses an unsupported mapping.</exception>
    public static AudioClip Decode(ReadOnlySpan<byte> file, int sampleRate, TimeSpan maxDuration)
    {
        if (!SampleRates.Contains(sampleRate))
        {
            throw new ArgumentOutOfRangeException(nameof(sampleRate), sampleRate, "Opus decodes to 8, 12, 16, 24 or 48 kHz.");
        }

        var packets = OggPacketReader.ReadPackets(file);
        if (packets.Count < 2)
        {
            throw new AudioFormatException("The Ogg file ends before its Opus header packets.");
        }

        var header = ReadHeader(packets[0].Data);
        if (!packets[1].Data.AsSpan().StartsWith("OpusTags"u8))
        {
            throw new AudioFormatException("The second packet of the Ogg Opus file is not an 'OpusTags' header.");
        }

        // NOTE: Concentus 2.2.2 returned only zeros when asked to decode these files at 16 kHz, so the decoder always
        // runs at 48 kHz and the band-limited resampler converts.
        var samples = DecodePackets(packets, header, GranuleRate, maxDuration);
        ApplyGain(samples, header.OutputGain);
        return new AudioClip(samples, GranuleRate).ToSampleRate(sampleRate);
    }

    private static short[] DecodePackets(List<OggPacket> packets, OpusHeader header, int sampleRate, TimeSpan maxDuration)
    {
        // The factory would load a native libopus where one is installed. The managed decoder behaves the same on
        // every machine, and Concentus marks its constructor obsolete only to promote the factory.
#pragma warning disable CS0618
        var decoder = new Concentus.Structs.OpusDecoder(sampleRate, 1);
#pragma warning restore CS0618
        var maxSamples = (long)(maxDuration.TotalSeconds * sampleRate);
        var frame = new short[sampleRate * MaxFrameMilliseconds / 1000];
        var output = new List<short>();
        for (var i = 2; i < packets.Count; i++)
        {
            var decoded = DecodePacket(decoder, packets[i].Data, frame, i);
            output.AddRange(frame.AsSpan(0, decoded));
            if (output.Count > maxSamples + (long)header.PreSkip * sampleRate / GranuleRate)
            {
                throw new AudioFormatException(
                    $"The Ogg Opus file is longer than the limit of {maxDuration.TotalSeconds:0.#} seconds.");
            }
        }

        return Trim(output, packets[^1], header, sampleRate);
    }

    private static int DecodePacket(IOpusDecoder decoder, byte[] packet, short[] frame, int index)
    {
        try
        {
            return decoder.Decode(packet, frame, frame.Length);
        }
        catch (OpusException exception)
        {
            throw new AudioFormatException($"Opus packet {index} of the Ogg file cannot be decoded: {exception.Message}",
                innerException: exception);
        }
        catch (ArgumentException exception)
        {
            throw new AudioFormatException($"Opus packet {index} of the Ogg file is invalid: {exception.Message}",
                innerException: exception);
        }
    }

    // Drops the encoder's pre-skip from the start and, per the last page's granule position, the padding at the end.
    private static short[] Trim(List<short> output, OggPacket last, OpusHeader header, int sampleRate)
    {
        var skip = (int)Math.Min(output.Count, (long)header.PreSkip * sampleRate / GranuleRate);
        var length = output.Count - skip;
        if (last.OnLastPage && last.GranulePosition >= header.PreSkip)
        {
            var declared = (last.GranulePosition - header.PreSkip) * sampleRate / GranuleRate;
            length = (int)Math.Clamp(declared, 0, length);
        }

        return [.. output.GetRange(skip, length)];
    }

    private static OpusHeader ReadHeader(ReadOnlySpan<byte> packet)
    {
        if (packet.Length < 19 || !packet.StartsWith("OpusHead"u8))
        {
            throw new AudioFormatException(
                "The Ogg file does not contain Opus: its first packet is not an 'OpusHead' header.", isUnsupported: true);
        }

        var version = packet[8];
        if (version >= 16)
        {
            throw new AudioFormatException($"The Ogg Opus header has version {version}; only major version 0 is supported.",
                isUnsupported: true);
        }

        var channels = packet[9];
        var mappingFamily = packet[18];
        if (mappingFamily != 0 || channels is 0 or > 2)
        {
            throw new AudioFormatException(
                $"The Ogg Opus file has {channels} channels in mapping family {mappingFamily}; only mono or stereo in " +
                "family 0 are supported.", isUnsupported: true);
        }

        return new OpusHeader(BinaryPrimitives.ReadUInt16LittleEndian(packet[10..]),
            BinaryPrimitives.ReadInt16LittleEndian(packet[16..]));
    }

    // The gain is in Q7.8 decibels (RFC 7845, section 5.1).
    private static void ApplyGain(short[] samples, short outputGain)
    {
        if (outputGain == 0)
        {
            return;
        }

        var factor = MathF.Pow(10f, outputGain / (20f * 256f));
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = (short)Math.Clamp(MathF.Round(samples[i] * factor), short.MinValue, short.MaxValue);
        }
    }

    private sealed record OpusHeader(int PreSkip, short OutputGain);
}
