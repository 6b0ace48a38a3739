using System.Buffers.Binary;

namespace VoiceHelper.Integration.Tests.Realtime;

/// <summary>
/// Recorded speech with reference transcripts from Debian's pocketsphinx-testdata: LibriVox readings as 16 kHz
/// WAVE files, and AN4 utterances as headerless 16 kHz 16-bit little-endian PCM.
/// </summary>
public static class Recordings
{
    public const string LibriVox = "/usr/share/pocketsphinx/test/data/librivox";

    public const string An4Numbers = "/usr/share/pocketsphinx/test/data/numbers.raw";

    /// <summary>The path and reference transcript of a LibriVox utterance by its number, such as <c>0880</c>.</summary>
    public static (string Path, string Reference) LibriVoxUtterance(string number)
    {
        var name = $"sense_and_sensibility_01_austen_64kb-{number}";
        var line = File.ReadLines(Path.Combine(LibriVox, "transcription")).Single(line => line.Contains(name, StringComparison.Ordinal));
        var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(word => !word.StartsWith('<') && !word.StartsWith('('));
        return (Path.Combine(LibriVox, name + ".wav"), string.Join(' ', words));
    }

    /// <summary>Returns the samples of a 16-bit mono WAVE file, which must be at 16 kHz.</summary>
    public static short[] ReadWave(string path)
    {
        var file = File.ReadAllBytes(path);
        var offset = 12;
        while (offset + 8 <= file.Length)
        {
            var id = System.Text.Encoding.ASCII.GetString(file, offset, 4);
            var size = BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(offset + 4));
            if (id == "fmt ")
            {
                Assert.Equal(16_000, BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(offset + 12)));
            }
            else if (id == "data")
            {
                return ToSamples(file.AsSpan(offset + 8, Math.Min(size, file.Length - offset - 8)));
            }

            offset += 8 + size + (size % 2);
        }

        throw new InvalidDataException($"{path} has no data chunk.");
    }

    /// <summary>Returns the samples of a headerless 16-bit little-endian file.</summary>
    public static short[] ReadRaw(string path) => ToSamples(File.ReadAllBytes(path));

    /// <summary>Returns the word error rate of <paramref name="hypothesis"/> against <paramref name="reference"/>.</summary>
    public static double WordErrorRate(string reference, string hypothesis)
    {
        var expected = Words(reference);
        var actual = Words(hypothesis);
        var distance = new int[expected.Length + 1, actual.Length + 1];
        for (var i = 0; i <= expected.Length; i++)
        {
            distance[i, 0] = i;
        }

        for (var j = 0; j <= actual.Length; j++)
        {
            distance[0, j] = j;
        }

        for (var i = 1; i <= expected.Length; i++)
        {
            for (var j = 1; j <= actual.Length; j++)
            {
                var substitution = distance[i - 1, j - 1] + (expected[i - 1] == actual[j - 1] ? 0 : 1);
                distance[i, j] = Math.Min(substitution, Math.Min(distance[i - 1, j], distance[i, j - 1]) + 1);
            }
        }

        return expected.Length == 0 ? actual.Length : distance[expected.Length, actual.Length] / (double)expected.Length;
    }

    private static string[] Words(string text) =>
        text.ToLowerInvariant().Split([' ', '\t', '\n', ',', '.', '?', '!'], StringSplitOptions.RemoveEmptyEntries);

    private static short[] ToSamples(ReadOnlySpan<byte> bytes)
    {
        var samples = new short[bytes.Length / 2];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = BinaryPrimitives.ReadInt16LittleEndian(bytes[(2 * i)..]);
        }

        return samples;
    }
}
