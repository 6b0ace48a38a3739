using VoiceHelper.Client;

namespace VoiceHelper.Cli.Audio;

/// <summary>A recording made ready to stream to a voice session.</summary>
/// <param name="Format">The session input format that <paramref name="Audio"/> is in.</param>
/// <param name="Audio">Mono audio bytes in <paramref name="Format"/>.</param>
/// <param name="Source">The file's own format for people, such as "44,100 Hz stereo 16-bit PCM".</param>
internal sealed record Recording(AudioFormat Format, byte[] Audio, string Source)
{
    /// <summary>The length of the audio.</summary>
    public TimeSpan Duration => TimeSpan.FromSeconds((double)Audio.Length / Format.BytesPerSecond);

    /// <summary>Whether the audio was converted: downmixed to mono, resampled, or both.</summary>
    public bool Converted { get; init; }
}
