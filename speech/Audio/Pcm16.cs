using System.Buffers.Binary;

namespace VoiceHelper.Speech.Audio;

/// <summary>Conversions of 16-bit signed little-endian PCM to and from bytes and floats in [-1, 1).</summary>
public static class Pcm16
{
    /// <summary>The value that maps 16-bit samples to [-1, 1): 2^15.</summary>
    public const float Scale = 32768f;

    /// <summary>Reads little-endian 16-bit samples. A trailing odd byte is an error, because it is half a sample.</summary>
    /// <exception cref="ArgumentException"><paramref name="bytes"/> has an odd length.</exception>
    public static short[] FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length % 2 != 0)
        {
            throw new ArgumentException(
                $"16-bit PCM needs an even number of bytes, but {bytes.Length} were given.", nameof(bytes));
        }

        var samples = new short[bytes.Length / 2];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = BinaryPrimitives.ReadInt16LittleEndian(bytes[(2 * i)..]);
        }

        return samples;
    }

    /// <summary>Writes the samples as little-endian bytes.</summary>
    public static byte[] ToBytes(ReadOnlySpan<short> samples)
    {
        var bytes = new byte[samples.Length * 2];
        for (var i = 0; i < samples.Length; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(2 * i), samples[i]);
        }

        return bytes;
    }

    /// <summary>Converts samples to floats in [-1, 1).</summary>
    public static void ToFloat(ReadOnlySpan<short> samples, Span<float> destination)
    {
        CheckLength(samples.Length, destination.Length);
        for (var i = 0; i < samples.Length; i++)
        {
            destination[i] = samples[i] / Scale;
        }
    }

    /// <summary>Converts samples to a new array of floats in [-1, 1).</summary>
    public static float[] ToFloat(ReadOnlySpan<short> samples)
    {
        var floats = new float[samples.Length];
        ToFloat(samples, floats);
        return floats;
    }

    /// <summary>Converts floats to samples, rounding to the nearest value and clipping to the 16-bit range.</summary>
    public static void FromFloat(ReadOnlySpan<float> samples, Span<short> destination)
    {
        CheckLength(samples.Length, destination.Length);
        for (var i = 0; i < samples.Length; i++)
        {
            destination[i] = FromFloat(samples[i]);
        }
    }

    /// <summary>Converts floats to a new array of samples, rounded and clipped.</summary>
    public static short[] FromFloat(ReadOnlySpan<float> samples)
    {
        var result = new short[samples.Length];
        FromFloat(samples, result);
        return result;
    }

    /// <summary>Converts one float to a sample, rounded and clipped.</summary>
    public static short FromFloat(float sample)
    {
        var scaled = MathF.Round(sample * Scale);
        return (short)Math.Clamp(scaled, short.MinValue, short.MaxValue);
    }

    private static void CheckLength(int sourceLength, int destinationLength)
    {
        if (destinationLength < sourceLength)
        {
            throw new ArgumentException(
                $"The destination holds {destinationLength} samples, but {sourceLength} were given.", "destination");
        }
    }
}
