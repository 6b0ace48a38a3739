namespace VoiceHelper.Speech.Audio;

/// <summary>
/// Turns synthesized chunks, at whatever rate the synthesizer produces, into the bytes of one live stream's
/// <see cref="StreamFormat"/>. It keeps one resampler per input rate so that chunks join without clicks. Not
/// thread-safe.
/// </summary>
public sealed class AudioOutputConverter(StreamFormat format)
{
    private AudioResampler? _resampler;

    /// <summary>The format of the output.</summary>
    public StreamFormat Format { get; } = format ?? throw new ArgumentNullException(nameof(format));

    /// <summary>Milliseconds of output audio produced so far.</summary>
    public double ProducedMs { get; private set; }

    /// <summary>Converts one chunk and returns its bytes in the output format.</summary>
    public byte[] Convert(AudioClip chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        if (_resampler is null || _resampler.InputRate != chunk.SampleRate)
        {
            _resampler = new AudioResampler(chunk.SampleRate, Format.SampleRate);
        }

        var samples = _resampler.Process(chunk.Samples);
        ProducedMs += samples.Length * 1000.0 / Format.SampleRate;
        return Format.Encoding switch
        {
            StreamEncoding.MuLaw => G711.EncodeMuLaw(samples),
            StreamEncoding.ALaw => G711.EncodeALaw(samples),
            _ => Pcm16.ToBytes(samples),
        };
    }
}
