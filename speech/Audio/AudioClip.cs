namespace VoiceHelper.Speech.Audio;

/// <summary>Mono 16-bit PCM samples at <see cref="SampleRate"/> hertz.</summary>
/// <param name="Samples">The samples, one per frame.</param>
/// <param name="SampleRate">Frames per second.</param>
public sealed record AudioClip(short[] Samples, int SampleRate)
{
    /// <summary>The length of the clip.</summary>
    public TimeSpan Duration => TimeSpan.FromSeconds(Samples.Length / (double)SampleRate);

    /// <summary>Returns the clip at <paramref name="sampleRate"/>, resampled when the rates differ.</summary>
    public AudioClip ToSampleRate(int sampleRate) =>
        sampleRate == SampleRate ? this : new AudioClip(AudioResampler.Resample(Samples, SampleRate, sampleRate), sampleRate);
}
