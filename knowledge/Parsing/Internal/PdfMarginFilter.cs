using System.Text.RegularExpressions;

namespace VoiceHelper.Knowledge.Parsing.Internal;

/// <summary>
/// Removes running headers, running footers and page numbers: one-line blocks in the top or bottom margin
/// that are a bare number or whose text, digits aside, recurs in the margins of other pages.
/// </summary>
internal static partial class PdfMarginFilter
{
    // Share of the page height, from the top and from the bottom edge, that counts as margin.
    private const double MarginShare = 0.08;

    private const int MaxMarginTextLength = 120;

    public static List<PdfTextBlock> Apply(List<PdfTextBlock> blocks)
    {
        var marginBlocks = blocks.Where(IsMarginCandidate).ToList();
        var pagesByText = marginBlocks
            .GroupBy(block => Normalize(block))
            .ToDictionary(group => group.Key, group => group.Select(block => block.Page).Distinct().Count());
        var running = marginBlocks
            .Where(block => IsPageNumber(block) || pagesByText[Normalize(block)] >= 2)
            .ToHashSet();
        return blocks.Where(block => !running.Contains(block)).ToList();
    }

    private static bool IsMarginCandidate(PdfTextBlock block)
    {
        var inTopMargin = block.Bottom >= block.PageHeight * (1 - MarginShare);
        var inBottomMargin = block.Top <= block.PageHeight * MarginShare;
        return (inTopMargin || inBottomMargin) && block.Lines.Count == 1 && block.Length <= MaxMarginTextLength;
    }

    private static bool IsPageNumber(PdfTextBlock block) => PageNumber().IsMatch(block.Lines[0]);

    private static string Normalize(PdfTextBlock block) => Digits().Replace(block.Lines[0], "#");

    [GeneratedRegex(@"^(?:page\s+)?(?:\d+|[ivxlcdm]+)(?:\s*(?:/|of)\s*\d+)?$", RegexOptions.IgnoreCase)]
    private static partial Regex PageNumber();

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();
}
