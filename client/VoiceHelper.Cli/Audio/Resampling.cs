using NAudio.Dsp;

namespace VoiceHelper.Cli.Audio;

/// <summary>Resamples a whole clip of 16-bit PCM with NAudio's port of the WDL resampler in windowed-sinc mode.</summary>
internal static class Resampling
{
    // WDL's default sinc filter: 64 taps interpolated 32 ways, which removes the frequencies above the lower rate's
    // Nyquist frequency before it interpolates.
    private const int SincSize = 64;
    private const int SincInterpolations = 32;

    /// <summary>Returns the clip at <paramref name="outputRate"/>, with the input's duration.</summary>
    /// <remarks>
    /// The filter delays the output by about half its length (2 ms at 16 kHz), which is left in: it only shifts speech
    /// that is streamed anyway. Silence after the input pushes its last samples out of the filter.
    /// </remarks>
    public static short[] Resample(short[] input, int inputRate, int outputRate)
    {
        var resampler = new WdlResampler();
        resampler.SetMode(true, 0, true, SincSize, SincInterpolations);
        resampler.SetFilterParms();
        resampler.SetFeedMode(true);
        resampler.SetRates(inputRate, outputRate);

        var padded = input.Length + (SincSize * Math.Max(1, inputRate / outputRate));
        var expected = (int)((long)input.Length * outputRate / inputRate);
        var output = new float[expected + (2 * SincSize * Math.Max(1, outputRate / inputRate)) + 16];
        var requested = resampler.ResamplePrepare(padded, 1, out var buffer, out var bufferOffset);
        for (var i = 0; i < requested; i++)
        {
            buffer[bufferOffset + i] = i < input.Length ? input[i] / 32768f : 0f;
        }

        var produced = resampler.ResampleOut(output, 0, requested, output.Length, 1);
        var result = new short[Math.Min(expected, produced)];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = (short)Math.Clamp(MathF.Round(output[i] * 32768f), short.MinValue, short.MaxValue);
        }

        return result;
    }
}
