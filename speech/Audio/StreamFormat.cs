namespace VoiceHelper.Speech.Audio;

/// <summary>How the samples of a live audio stream are encoded.</summary>
public enum StreamEncoding
{
    /// <summary>16-bit signed little-endian PCM.</summary>
    Pcm16,

    /// <summary>G.711 μ-law, one byte per sample.</summary>
    MuLaw,

    /// <summary>G.711 A-law, one byte per sample.</summary>
    ALaw,
}

/// <summary>
/// The format of a live mono audio stream, as the OpenAI Realtime API declares it: <c>audio/pcm</c> at a chosen rate
/// (24 kHz by default), or <c>audio/pcmu</c> and <c>audio/pcma</c>, which are always 8 kHz.
/// </summary>
/// <param name="Encoding">The sample encoding.</param>
/// <param name="SampleRate">Samples per second.</param>
public sealed record StreamFormat(StreamEncoding Encoding, int SampleRate)
{
    /// <summary>The Realtime API's default: 16-bit PCM at 24 kHz.</summary>
    public static StreamFormat Default { get; } = new(StreamEncoding.Pcm16, 24_000);

    /// <summary>The format that recognition and voice activity detection take: 16-bit PCM at 16 kHz.</summary>
    public static StreamFormat Recognition { get; } = new(StreamEncoding.Pcm16, 16_000);

    /// <summary>Bytes per sample: 2 for PCM, 1 for G.711.</summary>
    public int BytesPerSample => Encoding == StreamEncoding.Pcm16 ? 2 : 1;

    /// <summary>
    /// Returns the format that a Realtime API format name denotes: the GA names <c>audio/pcm</c>, <c>audio/pcmu</c>
    /// and <c>audio/pcma</c>, or the beta names <c>pcm16</c>, <c>g711_ulaw</c> and <c>g711_alaw</c>.
    /// <paramref name="pcmRate"/> applies to PCM only, because G.711 is 8 kHz.
    /// </summary>
    /// <exception cref="ArgumentException">The name is not one of these, or the PCM rate is out of range.</exception>
    public static StreamFormat Parse(string name, int pcmRate = 24_000)
    {
        ArgumentNullException.ThrowIfNull(name);
        var format = name.Trim().ToLowerInvariant() switch
        {
            "audio/pcm" or "pcm16" => new StreamFormat(StreamEncoding.Pcm16, pcmRate),
            "audio/pcmu" or "g711_ulaw" => new StreamFormat(StreamEncoding.MuLaw, 8_000),
            "audio/pcma" or "g711_alaw" => new StreamFormat(StreamEncoding.ALaw, 8_000),
            _ => throw new ArgumentException(
                $"Audio format '{name}' is not supported. Use audio/pcm, audio/pcmu or audio/pcma (beta names: pcm16, " +
                "g711_ulaw, g711_alaw).", nameof(name)),
        };
        if (format.SampleRate is < 8_000 or > 48_000)
        {
            throw new ArgumentException($"PCM rate {pcmRate} Hz is outside 8,000 to 48,000 Hz.", nameof(pcmRate));
        }

        return format;
    }
}
