namespace VoiceHelper.Speech.Audio;

/// <summary>Decodes an uploaded audio file, WAVE or Ogg Opus, recognised by its first bytes.</summary>
public static class AudioFile
{
    /// <summary>The container formats that <see cref="Decode"/> reads.</summary>
    public const string SupportedFormats = "WAVE (PCM, float, μ-law or A-law) and Ogg Opus";

    /// <summary>
    /// Decodes <paramref name="file"/> to mono 16-bit samples. WAVE keeps its sample rate; Ogg Opus is decoded at
    /// <paramref name="opusSampleRate"/>.
    /// </summary>
    /// <exception cref="AudioFormatException">
    /// The bytes are neither format, are damaged, or hold more than <paramref name="maxDuration"/> of audio.
    /// </exception>
    public static AudioClip Decode(ReadOnlySpan<byte> file, TimeSpan maxDuration, int opusSampleRate = 16_000)
    {
        if (WaveFile.IsWave(file))
        {
            var clip = WaveFile.Read(file);
            if (clip.Duration > maxDuration)
            {
                throw new AudioFormatException(
                    $"The WAVE file is {clip.Duration.TotalSeconds:0.#} seconds long; the limit is {maxDuration.TotalSeconds:0.#}.");
            }

            return clip;
        }

        if (OggOpusFile.IsOgg(file))
        {
            return OggOpusFile.Decode(file, opusSampleRate, maxDuration);
        }

        throw new AudioFormatException($"The file is not audio in a supported format: send {SupportedFormats}.",
            isUnsupported: true);
    }
}
