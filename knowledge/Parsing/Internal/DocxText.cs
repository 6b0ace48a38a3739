using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Wordprocessing;

namespace VoiceHelper.Knowledge.Parsing.Internal;

/// <summary>
/// Extracts the visible text of Word paragraphs and tables. Deleted revisions and field codes are left out,
/// because the Open XML SDK gives them their own element types (<c>w:delText</c>, <c>w:instrText</c>).
/// </summary>
internal static class DocxText
{
    public static string OfParagraph(OpenXmlElement paragraph)
    {
        var builder = new StringBuilder();
        foreach (var element in paragraph.Descendants())
        {
            switch (element)
            {
                case Text text:
                    builder.Append(text.Text);
                    break;
                case TabChar:
                    builder.Append('\t');
                    break;
                case Break or CarriageReturn:
                    builder.Append('\n');
                    break;
                case NoBreakHyphen:
                    builder.Append('-');
                    break;
                default:
                    break;
            }
        }

        return builder.ToString();
    }

    /// <summary>Writes a table as one line per row, cells separated by <c> | </c>.</summary>
    public static string OfTable(Table table)
    {
        var rows = table.Elements<TableRow>()
            .Select(row => string.Join(HtmlTableText.CellSeparator, row.Elements<TableCell>().Select(OfCell)))
            .Where(row => row.Trim('|', ' ').Length > 0);
        return string.Join('\n', rows);
    }

    private static string OfCell(TableCell cell) =>
        TextNormalizer.CollapseWhitespace(string.Join(' ', CellBlockTexts(cell))).Replace('\n', ' ');

    // A cell contains paragraphs and nested tables, some of them inside content controls. The depth check of
    // DocxPartLoader bounds the recursion.
    private static IEnumerable<string> CellBlockTexts(OpenXmlElement container)
    {
        foreach (var element in container.ChildElements)
        {
            switch (element)
            {
                case Paragraph paragraph:
                    yield return OfParagraph(paragraph);
                    break;
                case Table table:
                    yield return OfTable(table);
                    break;
                case SdtBlock or SdtContentBlock or CustomXmlBlock:
                    foreach (var text in CellBlockTexts(element))
                    {
                        yield return text;
                    }

                    break;
                default:
                    break;
            }
        }
    }
}
