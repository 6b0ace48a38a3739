namespace VoiceHelper.Speech.Tests.Infrastructure;

/// <summary>Synthetic test signals and their measurement.</summary>
internal static class Signals
{
    public static short[] Sine(double frequency, int sampleRate, double seconds, double amplitude = 0.5)
    {
        var samples = new short[(int)(sampleRate * seconds)];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = (short)Math.Round(amplitude * short.MaxValue * Math.Sin(2 * Math.PI * frequency * i / sampleRate));
        }

        return samples;
    }

    /// <summary>The power of one frequency in the samples (Goertzel), normalized by the length.</summary>
    public static double PowerAt(ReadOnlySpan<short> samples, double frequency, int sampleRate)
    {
        var coefficient = 2 * Math.Cos(2 * Math.PI * frequency / sampleRate);
        double previous = 0, beforePrevious = 0;
        foreach (var sample in samples)
        {
            var current = sample / 32768.0 + coefficient * previous - beforePrevious;
            beforePrevious = previous;
            previous = current;
        }

        var power = previous * previous + beforePrevious * beforePrevious - coefficient * previous * beforePrevious;
        return power / samples.Length / samples.Length;
    }

    public static double Rms(ReadOnlySpan<short> samples)
    {
        double sum = 0;
        foreach (var sample in samples)
        {
            sum += (double)sample * sample;
        }

        return samples.IsEmpty ? 0 : Math.Sqrt(sum / samples.Length);
    }
}
