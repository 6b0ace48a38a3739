namespace VoiceHelper.Knowledge.Chunking.Internal;

/// <summary>
/// Packs the units of a group of sections into chunks of at most the maximum length, sized evenly so that no
/// small remainder is left at the end, and starts each following chunk with the trailing units of the previous
/// one that fit in the overlap.
/// </summary>
internal sealed class ChunkPacker(ChunkingOptions options)
{
    /// <summary>Returns the unit ranges of the chunks, as [first, last) indexes into <paramref name="units"/>.</summary>
    public List<(int First, int Last)> Pack(IReadOnlyList<TextUnit> units)
    {
        var chunks = new List<(int First, int Last)>();
        var first = 0;
        while (first < units.Count)
        {
            var last = Fill(units, first);
            chunks.Add((first, last));
            if (last == units.Count)
            {
                break;
            }

            first = OverlapStart(units, first, last);
        }

        return chunks;
    }

    // The end of a run of units from first that reaches the even share of the remaining text, or the longest
    // run that fits when that is shorter, without a heading as its last unit.
    private int Fill(IReadOnlyList<TextUnit> units, int first)
    {
        var target = TargetLength(Span(units, first, units.Count));
        var last = first + 1;
        while (last < units.Count && Span(units, first, last) < target && Span(units, first, last + 1) <= options.MaxChunkCharacters)
        {
            last++;
        }

        while (last - 1 > first && last < units.Count && units[last - 1].IsHeading)
        {
            last--;
        }

        return last;
    }

    // n chunks of at most max characters, each after the first repeating up to overlap characters, cover
    // n * max - (n - 1) * overlap characters; the target spreads the remaining text evenly over the fewest chunks.
    private int TargetLength(int remaining)
    {
        var max = options.MaxChunkCharacters;
        if (remaining <= max)
        {
            return max;
        }

        var overlap = options.OverlapCharacters;
        var chunkCount = (int)Math.Ceiling((remaining - overlap) / (double)(max - overlap));
        return remaining / chunkCount;
    }

    // The first unit of the next chunk: the earliest unit before last whose run to last fits in the overlap,
    // provided the next chunk can still take unit last. A chunk that starts with a heading has no overlap.
    private int OverlapStart(IReadOnlyList<TextUnit> units, int previousFirst, int last)
    {
        var start = last;
        if (units[last].IsHeading)
        {
            return start;
        }

        while (start - 1 > previousFirst && Span(units, start - 1, last) <= options.OverlapCharacters)
        {
            start--;
        }

        while (start < last && Span(units, start, last + 1) > options.MaxChunkCharacters)
        {
            start++;
        }

        return start;
    }

    private static int Span(IReadOnlyList<TextUnit> units, int first, int last) => units[last - 1].End - units[first].Start;
}
