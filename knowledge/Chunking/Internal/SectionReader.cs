using VoiceHelper.Knowledge.Parsing;

namespace VoiceHelper.Knowledge.Chunking.Internal;

/// <summary>
/// Cuts a parsed document into sections at its headings, and each block into units: sentences for prose,
/// the whole block for code and tables, otherwise their lines. Every unit fits in one chunk together with its
/// section's heading, so a heading never ends up in a chunk of its own.
/// </summary>
internal static class SectionReader
{
    public static List<DocumentSection> Read(ParsedDocument document, int maxChunkCharacters)
    {
        var sections = new List<DocumentSection>();
        var maxUnitLength = maxChunkCharacters;
        foreach (var block in document.Blocks)
        {
            if (sections.Count == 0 || block.Kind == DocumentBlockKind.Heading)
            {
                sections.Add(new DocumentSection(block.HeadingPath, []));
                maxUnitLength = MaxUnitLength(block, maxChunkCharacters);
            }

            sections[^1].Units.AddRange(UnitsOf(block, document.Text, maxUnitLength));
        }

        return sections;
    }

    // Room left beside the heading and the blank line after it; a heading longer than half a chunk is split itself.
    private static int MaxUnitLength(DocumentBlock block, int maxChunkCharacters)
    {
        var headingLength = block.Kind == DocumentBlockKind.Heading ? block.Text.Length + 2 : 0;
        return Math.Max(maxChunkCharacters - headingLength, maxChunkCharacters / 2);
    }

    private static IEnumerable<TextUnit> UnitsOf(DocumentBlock block, string text, int maxLength)
    {
        var ranges = block.Kind switch
        {
            DocumentBlockKind.Heading => [new Range(0, block.Text.Length)],
            DocumentBlockKind.Code or DocumentBlockKind.Table when block.Text.Length <= maxLength => [new Range(0, block.Text.Length)],
            DocumentBlockKind.Code or DocumentBlockKind.Table => Lines(block.Text),
            _ => SentenceSplitter.Split(block.Text),
        };

        foreach (var range in ranges)
        {
            var (offset, length) = range.GetOffsetAndLength(block.Text.Length);
            var start = block.Start + offset;
            var end = start + length;
            while (start < end && char.IsWhiteSpace(text[start]))
            {
                start++;
            }

            foreach (var piece in LongTextSplitter.Split(text, start, end, maxLength))
            {
                var (pieceStart, pieceLength) = piece.GetOffsetAndLength(text.Length);
                yield return new TextUnit(pieceStart, pieceStart + pieceLength, block.HeadingPath, block.Page,
                    block.Kind == DocumentBlockKind.Heading);
            }
        }
    }

    // The non-blank lines, without their indentation, so that no chunk starts with whitespace.
    private static List<Range> Lines(string text)
    {
        var lines = new List<Range>();
        var start = 0;
        while (start <= text.Length)
        {
            var end = text.IndexOf('\n', start);
            end = end < 0 ? text.Length : end;
            var first = start;
            while (first < end && char.IsWhiteSpace(text[first]))
            {
                first++;
            }

            if (first < end)
            {
                lines.Add(first..end);
            }

            start = end + 1;
        }

        return lines;
    }
}
