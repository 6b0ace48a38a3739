using NAudio.Dsp;

namespace VoiceHelper.Speech.Audio;

/// <summary>
/// Converts a stream of mono 16-bit PCM from one sample rate to another with NAudio's port of the WDL resampler in
/// windowed-sinc mode, which removes the frequencies above the lower rate's Nyquist frequency before it
/// interpolates. One instance serves one stream: it keeps the filter's history between calls, so chunks of any size
/// join without clicks. Instances are not thread-safe.
/// </summary>
public sealed class AudioResampler
{
    // 64 taps interpolated 32 ways: WDL's default sinc filter, a transition band of about 5% of the lower rate.
    private const int SincSize = 64;
    private const int SincInterpolations = 32;

    private readonly WdlResampler _resampler = new();
    private float[] _output = [];

    /// <summary>Creates a resampler from <paramref name="inputRate"/> to <paramref name="outputRate"/> hertz.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A rate is outside 1,000 to 384,000.</exception>
    public AudioResampler(int inputRate, int outputRate)
    {
        CheckRate(inputRate, nameof(inputRate));
        CheckRate(outputRate, nameof(outputRate));
        InputRate = inputRate;
        OutputRate = outputRate;
        _resampler.SetMode(true, 0, true, SincSize, SincInterpolations);
        _resampler.SetFilterParms();
        // Input-driven: each call passes the samples it has and takes what they produce.
        _resampler.SetFeedMode(true);
        _resampler.SetRates(inputRate, outputRate);
    }

    /// <summary>The sample rate of the input in hertz.</summary>
    public int InputRate { get; }

    /// <summary>The sample rate of the output in hertz.</summary>
    public int OutputRate { get; }

    /// <summary>
    /// The delay that the filter adds, in output samples: the first samples of a stream come out this much later.
    /// </summary>
    public int LatencySamples => (int)Math.Round(_resampler.GetCurrentLatency() * OutputRate);

    /// <summary>Resamples the next chunk of the stream and returns the samples it yields, which may be none.</summary>
    public short[] Process(ReadOnlySpan<short> input)
    {
        if (InputRate == OutputRate)
        {
            return input.ToArray();
        }

        if (input.IsEmpty)
        {
            return [];
        }

        var requested = _resampler.ResamplePrepare(input.Length, 1, out var inputBuffer, out var inputOffset);
        for (var i = 0; i < requested; i++)
        {
            inputBuffer[inputOffset + i] = input[i] / Pcm16.Scale;
        }

        var capacity = (int)((long)input.Length * OutputRate / InputRate) + SincSize;
        if (_output.Length < capacity)
        {
            _output = new float[capacity];
        }

        var produced = _resampler.ResampleOut(_output, 0, requested, capacity, 1);
        return Pcm16.FromFloat(_output.AsSpan(0, produced));
    }

    /// <summary>
    /// Resamples a whole clip. The output has the input's duration at the new rate: the filter's delay is removed
    /// from the start, and the last input samples are pushed out with silence.
    /// </summary>
    public static short[] Resample(ReadOnlySpan<short> input, int inputRate, int outputRate)
    {
        var resampler = new AudioResampler(inputRate, outputRate);
        if (inputRate == outputRate)
        {
            return input.ToArray();
        }

        var expected = (int)Math.Round((double)input.Length * outputRate / inputRate);
        var output = new List<short>(expected + SincSize);
        output.AddRange(resampler.Process(input));
        var padding = new short[Math.Max(SincSize * 2, inputRate / 50)];
        var skip = resampler.LatencySamples;
        while (output.Count < expected + skip)
        {
            output.AddRange(resampler.Process(padding));
        }

        return [.. output.Skip(skip).Take(expected)];
    }

    private static void CheckRate(int rate, string name)
    {
        if (rate is < 1_000 or > 384_000)
        {
            throw new ArgumentOutOfRangeException(name, rate, "A sample rate must be between 1,000 and 384,000 Hz.");
        }
    }
}
