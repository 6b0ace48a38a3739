using VoiceHelper.Speech.Audio;

namespace VoiceHelper.Grains.Voice;

/// <summary>Converts between the session's wire formats and 16-bit samples.</summary>
internal static class VoiceAudioCodec
{
    /// <summary>Decodes appended audio; returns null and a message when the bytes cannot be audio of the format.</summary>
    public static short[]? TryDecode(VoiceAudioFormat format, byte[] audio, out string? problem)
    {
        problem = null;
        switch (format)
        {
            case VoiceAudioFormat.MuLaw:
                return G711.DecodeMuLaw(audio);
            case VoiceAudioFormat.ALaw:
                return G711.DecodeALaw(audio);
            default:
                if (audio.Length % 2 != 0)
                {
                    problem = $"The audio has {audio.Length} bytes, which is not a whole number of 16-bit samples. " +
                        "Send audio/pcm as 16-bit little-endian mono samples, or set the input format with session.update.";
                    return null;
                }

                return Pcm16.FromBytes(audio);
        }
    }

    /// <summary>Encodes samples at the output rate in the output format.</summary>
    public static byte[] Encode(VoiceAudioFormat format, ReadOnlySpan<short> samples) => format switch
    {
        VoiceAudioFormat.MuLaw => G711.EncodeMuLaw(samples),
        VoiceAudioFormat.ALaw => G711.EncodeALaw(samples),
        _ => Pcm16.ToBytes(samples),
    };

    /// <summary>The bytes of one sample in the format.</summary>
    public static int BytesPerSample(VoiceAudioFormat format) => format == VoiceAudioFormat.Pcm16 ? 2 : 1;
}
