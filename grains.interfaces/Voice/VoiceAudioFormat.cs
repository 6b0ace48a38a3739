namespace VoiceHelper.Grains.Voice;

/// <summary>The encodings of realtime audio, as the OpenAI Realtime API names them.</summary>
[GenerateSerializer, Alias("VoiceHelper.VoiceAudioFormat")]
public enum VoiceAudioFormat
{
    /// <summary><c>audio/pcm</c> (beta <c>pcm16</c>): 16-bit little-endian mono PCM at the session's rate.</summary>
    Pcm16 = 0,

    /// <summary><c>audio/pcmu</c> (beta <c>g711_ulaw</c>): G.711 μ-law at 8 kHz.</summary>
    MuLaw = 1,

    /// <summary><c>audio/pcma</c> (beta <c>g711_alaw</c>): G.711 A-law at 8 kHz.</summary>
    ALaw = 2,
}
