namespace VoiceHelper.Grains.Voice;

/// <summary>
/// The newest 16 kHz samples of a session's input, addressed by their position from the first sample, so that a
/// turn's recognition can start with the audio before speech was detected.
/// </summary>
internal sealed class AudioHistory(int capacity)
{
    private readonly short[] _samples = new short[capacity];

    /// <summary>The position after the newest sample.</summary>
    public long End { get; private set; }

    public void Append(ReadOnlySpan<short> samples)
    {
        foreach (var sample in samples)
        {
            _samples[End % _samples.Length] = sample;
            End++;
        }
    }

    /// <summary>Returns the samples from <paramref name="start"/> to <paramref name="end"/> that are still held.</summary>
    public short[] Copy(long start, long end)
    {
        start = Math.Max(start, Math.Max(0, End - _samples.Length));
        end = Math.Min(end, End);
        if (end <= start)
        {
            return [];
        }

        var copy = new short[end - start];
        for (var position = start; position < end; position++)
        {
            copy[position - start] = _samples[position % _samples.Length];
        }

        return copy;
    }
}
