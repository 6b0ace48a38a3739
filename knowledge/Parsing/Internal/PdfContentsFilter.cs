using System.Text.RegularExpressions;

namespace VoiceHelper.Knowledge.Parsing.Internal;

/// <summary>
/// Removes table-of-contents entries: blocks with a line that ends in a dot leader and a page number
/// ("Introduction ....... 1"), and the bare chapter numbers beside them on the same page. Such entries repeat
/// the headings and would otherwise be read as headings themselves.
/// </summary>
internal static partial class PdfContentsFilter
{
    // Pages with fewer entries than this keep their bare numbers, which may be content.
    private const int MinEntriesPerContentsPage = 3;

    public static List<PdfTextBlock> Apply(List<PdfTextBlock> blocks)
    {
        var entries = blocks.Where(block => block.Lines.Any(line => DotLeader().IsMatch(line))).ToHashSet();
        var contentsPages = entries
            .GroupBy(block => block.Page)
            .Where(page => page.Count() >= MinEntriesPerContentsPage)
            .Select(page => page.Key)
            .ToHashSet();
        return blocks
            .Where(block => !entries.Contains(block))
            .Where(block => !(contentsPages.Contains(block.Page) && block.Lines.All(line => BareNumber().IsMatch(line))))
            .ToList();
    }

    // Four or more dots, spaced or not, then a page number in Arabic or Roman numerals.
    [GeneratedRegex(@"(?:\.\s?){4,}\s*(?:\d+|[ivxlc]+)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex DotLeader();

    [GeneratedRegex(@"^(?:[A-Z]|\d+(?:\.\d+)*)\.?$")]
    private static partial Regex BareNumber();
}
