namespace VoiceHelper.Knowledge.Parsing.Internal;

/// <summary>
/// Joins the pieces of code that layout analysis splits apart: Docstrum takes wide runs of spaces for column
/// gaps and short code lines for separate blocks. Consecutive monospace blocks on one page merge when they
/// share a baseline (joined with spaces) or follow on the next line (joined as lines).
/// </summary>
internal static class PdfCodeMerger
{
    // In units of the font size: baselines closer than this are one line; gaps smaller than this are the next line.
    private const double SameLineTolerance = 0.5;
    private const double NextLineGap = 1.5;

    public static List<PdfTextBlock> Apply(List<PdfTextBlock> blocks)
    {
        var merged = new List<PdfTextBlock>(blocks.Count);
        foreach (var block in blocks)
        {
            if (merged.Count > 0 && merged[^1] is { IsMonospace: true } previous && block.IsMonospace && previous.Page == block.Page)
            {
                var joined = Join(previous, block);
                if (joined is not null)
                {
                    merged[^1] = joined;
                    continue;
                }
            }

            merged.Add(block);
        }

        return merged;
    }

    private static PdfTextBlock? Join(PdfTextBlock previous, PdfTextBlock next)
    {
        var size = Math.Max(previous.FontSize, 1);
        if (Math.Abs(next.Bottom - previous.Bottom) < size * SameLineTolerance && next.Lines.Count == 1)
        {
            string[] lines = [.. previous.Lines.Take(previous.Lines.Count - 1), previous.Lines[^1] + " " + next.Lines[0]];
            return previous with { Lines = lines };
        }

        var gap = previous.Bottom - next.Top;
        if (gap > -size * SameLineTolerance && gap < size * NextLineGap)
        {
            return previous with { Lines = [.. previous.Lines, .. next.Lines], Bottom = next.Bottom };
        }

        return null;
    }
}
