namespace VoiceHelper.Client;

/// <summary>The audio encodings of a voice session, as the OpenAI Realtime protocol names them.</summary>
public enum AudioEncoding
{
    /// <summary>16-bit little-endian mono PCM (<c>audio/pcm</c>), at a rate of 8,000 to 48,000 Hz in whole kHz.</summary>
    Pcm16,

    /// <summary>G.711 μ-law (<c>audio/pcmu</c>), one byte per sample at 8,000 Hz.</summary>
    MuLaw,

    /// <summary>G.711 A-law (<c>audio/pcma</c>), one byte per sample at 8,000 Hz.</summary>
    ALaw,
}
