namespace VoiceHelper.Speech.Audio;

/// <summary>
/// Turns the bytes of one live stream in a <see cref="StreamFormat"/> into 16 kHz samples for voice activity detection
/// and recognition. Chunks may split a 16-bit sample; the odd byte waits for the next chunk. Not thread-safe.
/// </summary>
public sealed class AudioInputConverter
{
    private readonly AudioResampler _resampler;
    private byte? _pendingByte;

    /// <summary>Creates a converter from <paramref name="format"/> to <see cref="StreamFormat.Recognition"/>.</summary>
    public AudioInputConverter(StreamFormat format)
    {
        ArgumentNullException.ThrowIfNull(format);
        Format = format;
        _resampler = new AudioResampler(format.SampleRate, StreamFormat.Recognition.SampleRate);
    }

    /// <summary>The format of the input.</summary>
    public StreamFormat Format { get; }

    /// <summary>Milliseconds of input audio received so far, whole samples only.</summary>
    public double ReceivedMs { get; private set; }

    /// <summary>Converts the next chunk and returns the 16 kHz samples it yields, which may be none.</summary>
    public short[] Convert(ReadOnlySpan<byte> chunk)
    {
        var samples = Decode(chunk);
        ReceivedMs += samples.Length * 1000.0 / Format.SampleRate;
        return _resampler.Process(samples);
    }

    private short[] Decode(ReadOnlySpan<byte> chunk)
    {
        switch (Format.Encoding)
        {
            case StreamEncoding.MuLaw:
                return G711.DecodeMuLaw(chunk);
            case StreamEncoding.ALaw:
                return G711.DecodeALaw(chunk);
            default:
                if (_pendingByte is not { } pending)
                {
                    var whole = chunk.Length & ~1;
                    _pendingByte = whole < chunk.Length ? chunk[^1] : null;
                    return Pcm16.FromBytes(chunk[..whole]);
                }

                var joined = new byte[chunk.Length + 1];
                joined[0] = pending;
                chunk.CopyTo(joined.AsSpan(1));
                _pendingByte = null;
                return Decode(joined);
        }
    }
}
