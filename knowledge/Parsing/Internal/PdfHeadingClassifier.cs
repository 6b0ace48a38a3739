namespace VoiceHelper.Knowledge.Parsing.Internal;

/// <summary>
/// Finds headings by font size: the body size is the size that most characters use, and a short block set
/// clearly larger is a heading. Distinct heading sizes, largest first, become levels 1, 2, 3 and so on.
/// </summary>
/// <remarks>
/// NOTE: headings set in bold at the body size, and the PDF outline (bookmarks), are not used.
/// </remarks>
internal sealed class PdfHeadingClassifier
{
    private const int MaxLevel = 6;
    private const int MaxHeadingLength = 200;
    private const int MaxHeadingLines = 3;

    // A heading is at least 12% and 1 point larger than the body text; sizes within 0.75 point share a level.
    private const double MinRelativeIncrease = 1.12;
    private const double MinAbsoluteIncrease = 1.0;
    private const double LevelTolerance = 0.75;

    private readonly double _bodySize;
    private readonly List<double> _levelSizes;

    public PdfHeadingClassifier(IReadOnlyList<PdfTextBlock> blocks)
    {
        _bodySize = BodySize(blocks);
        _levelSizes = LevelSizes(blocks.Where(IsCandidate).Select(block => block.FontSize));
    }

    /// <summary>Returns the heading level of <paramref name="block"/>, or 0 when it is not a heading.</summary>
    public int LevelOf(PdfTextBlock block)
    {
        if (!IsCandidate(block))
        {
            return 0;
        }

        var index = _levelSizes.FindIndex(size => block.FontSize >= size - LevelTolerance);
        return Math.Min(index + 1, MaxLevel);
    }

    private bool IsCandidate(PdfTextBlock block) =>
        !block.IsMonospace
        && block.Lines.Count <= MaxHeadingLines
        && block.Length <= MaxHeadingLength
        && block.FontSize >= Math.Max(_bodySize * MinRelativeIncrease, _bodySize + MinAbsoluteIncrease)
        && block.Lines.Any(line => line.Any(char.IsLetter));

    private static double BodySize(IReadOnlyList<PdfTextBlock> blocks) =>
        blocks
            .GroupBy(block => Math.Round(block.FontSize * 2) / 2)
            .OrderByDescending(group => group.Sum(block => block.Length))
            .Select(group => group.Key)
            .FirstOrDefault();

    // Each level is represented by the smallest size of its cluster, so LevelOf matches sizes in between.
    private static List<double> LevelSizes(IEnumerable<double> sizes)
    {
        var levels = new List<double>();
        foreach (var size in sizes.OrderDescending())
        {
            if (levels.Count == 0 || levels[^1] - size > LevelTolerance)
            {
                levels.Add(size);
            }
            else
            {
                levels[^1] = size;
            }
        }

        return levels;
    }
}
