namespace VoiceHelper.Client;

/// <summary>An audio encoding with its sample rate in hertz; the audio is always mono.</summary>
/// <param name="Encoding">The encoding.</param>
/// <param name="SampleRate">Samples per second: 8,000 to 48,000 in whole kHz for PCM, 8,000 for G.711.</param>
public sealed record AudioFormat(AudioEncoding Encoding, int SampleRate)
{
    /// <summary>The lowest PCM rate that a session accepts, in hertz.</summary>
    public const int MinPcmRate = 8_000;

    /// <summary>The highest PCM rate that a session accepts, in hertz.</summary>
    public const int MaxPcmRate = 48_000;

    /// <summary>The rate of G.711 audio, in hertz.</summary>
    public const int G711Rate = 8_000;

    /// <summary>The format of a new session's input and output: 16-bit PCM at 24 kHz.</summary>
    public static AudioFormat Default { get; } = new(AudioEncoding.Pcm16, 24_000);

    /// <summary>G.711 μ-law at 8 kHz.</summary>
    public static AudioFormat MuLaw { get; } = new(AudioEncoding.MuLaw, G711Rate);

    /// <summary>G.711 A-law at 8 kHz.</summary>
    public static AudioFormat ALaw { get; } = new(AudioEncoding.ALaw, G711Rate);

    /// <summary>The bytes of one second of audio in this format.</summary>
    public int BytesPerSecond => Encoding == AudioEncoding.Pcm16 ? SampleRate * 2 : SampleRate;

    /// <summary>Returns 16-bit PCM at <paramref name="sampleRate"/> hertz.</summary>
    /// <exception cref="ArgumentOutOfRangeException">
    /// The rate is not a whole number of kHz from 8,000 to 48,000, which the session rejects.
    /// </exception>
    public static AudioFormat Pcm16(int sampleRate)
    {
        if (sampleRate is < MinPcmRate or > MaxPcmRate || sampleRate % 1000 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(sampleRate), sampleRate,
                $"The PCM sample rate is {sampleRate} Hz, but a voice session takes {MinPcmRate} to {MaxPcmRate} Hz in " +
                "whole kHz. Resample the audio, for example to 16,000 Hz.");
        }

        return new AudioFormat(AudioEncoding.Pcm16, sampleRate);
    }
}
