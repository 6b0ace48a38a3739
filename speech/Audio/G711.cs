namespace VoiceHelper.Speech.Audio;

/// <summary>
/// ITU-T G.711 companding: μ-law (North America, Japan) and A-law (Europe), one byte per sample of 8 kHz telephone
/// audio. Both keep about 13 to 14 bits of dynamic range in 8 bits, so a round trip is exact for small samples and
/// within half a quantization step, which grows with the magnitude, for large ones.
/// </summary>
public static class G711
{
    private const int MuLawBias = 0x84;
    private const int MuLawClip = 32635;

    /// <summary>Encodes one 16-bit sample as μ-law.</summary>
    public static byte EncodeMuLaw(short sample)
    {
        var value = (int)sample;
        var sign = value < 0 ? 0x80 : 0;
        if (value < 0)
        {
            value = -value;
        }

        value = Math.Min(value, MuLawClip) + MuLawBias;
        var exponent = Segment(value >> 7);
        var mantissa = (value >> (exponent + 3)) & 0x0F;
        return (byte)~(sign | (exponent << 4) | mantissa);
    }

    /// <summary>Decodes one μ-law byte to a 16-bit sample.</summary>
    public static short DecodeMuLaw(byte encoded)
    {
        var value = ~encoded & 0xFF;
        var exponent = (value >> 4) & 0x07;
        var mantissa = value & 0x0F;
        var magnitude = (((mantissa << 3) + MuLawBias) << exponent) - MuLawBias;
        return (short)((value & 0x80) != 0 ? -magnitude : magnitude);
    }

    /// <summary>Encodes one 16-bit sample as A-law.</summary>
    public static byte EncodeALaw(short sample)
    {
        var value = (int)sample;
        var sign = value >= 0 ? 0x80 : 0;
        if (value < 0)
        {
            // One's complement keeps -32768 in range and matches the reference encoder's rounding of negatives.
            value = ~value;
        }

        value >>= 3;
        int encoded;
        if (value < 32)
        {
            encoded = value >> 1;
        }
        else
        {
            var exponent = Segment(value >> 5) + 1;
            encoded = (exponent << 4) | ((value >> exponent) & 0x0F);
        }

        return (byte)((sign | encoded) ^ 0x55);
    }

    /// <summary>Decodes one A-law byte to a 16-bit sample.</summary>
    public static short DecodeALaw(byte encoded)
    {
        var value = encoded ^ 0x55;
        var exponent = (value >> 4) & 0x07;
        var mantissa = value & 0x0F;
        var magnitude = exponent == 0
            ? (mantissa << 4) + 8
            : ((mantissa << 4) + 0x108) << (exponent - 1);
        return (short)((value & 0x80) != 0 ? magnitude : -magnitude);
    }

    /// <summary>Encodes samples as μ-law bytes.</summary>
    public static byte[] EncodeMuLaw(ReadOnlySpan<short> samples) => Encode(samples, EncodeMuLaw);

    /// <summary>Decodes μ-law bytes to samples.</summary>
    public static short[] DecodeMuLaw(ReadOnlySpan<byte> encoded) => Decode(encoded, DecodeMuLaw);

    /// <summary>Encodes samples as A-law bytes.</summary>
    public static byte[] EncodeALaw(ReadOnlySpan<short> samples) => Encode(samples, EncodeALaw);

    /// <summary>Decodes A-law bytes to samples.</summary>
    public static short[] DecodeALaw(ReadOnlySpan<byte> encoded) => Decode(encoded, DecodeALaw);

    // The index of the highest set bit of a value below 256, which is the segment of both laws: 0 for 0 and 1.
    private static int Segment(int value)
    {
        var segment = 0;
        while (value > 1 && segment < 7)
        {
            value >>= 1;
            segment++;
        }

        return segment;
    }

    private static byte[] Encode(ReadOnlySpan<short> samples, Func<short, byte> encode)
    {
        var result = new byte[samples.Length];
        for (var i = 0; i < samples.Length; i++)
        {
            result[i] = encode(samples[i]);
        }

        return result;
    }

    private static short[] Decode(ReadOnlySpan<byte> encoded, Func<byte, short> decode)
    {
        var result = new short[encoded.Length];
        for (var i = 0; i < encoded.Length; i++)
        {
            result[i] = decode(encoded[i]);
        }

        return result;
    }
}
