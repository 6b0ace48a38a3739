using AngleSharp.Html.Dom;

namespace VoiceHelper.Knowledge.Parsing.Internal;

/// <summary>Writes an HTML table as text: the caption, then one line per row with cells separated by <c> | </c>.</summary>
internal static class HtmlTableText
{
    public const string CellSeparator = " | ";

    public static string Format(IHtmlTableElement table)
    {
        var lines = new List<string>();
        var caption = Collapse(table.Caption?.TextContent);
        if (caption.Length > 0)
        {
            lines.Add(caption);
        }

        foreach (var row in table.Rows)
        {
            var cells = row.Cells.Select(cell => Collapse(cell.TextContent)).ToList();
            if (cells.Any(cell => cell.Length > 0))
            {
                lines.Add(string.Join(CellSeparator, cells));
            }
        }

        return string.Join('\n', lines);
    }

    private static string Collapse(string? text) => TextNormalizer.CollapseWhitespace((text ?? "").Replace('\n', ' '));
}
