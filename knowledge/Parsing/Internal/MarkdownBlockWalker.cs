using Markdig.Extensions.Tables;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;

namespace VoiceHelper.Knowledge.Parsing.Internal;

/// <summary>Turns Markdig's block tree into document blocks; list items keep their bullet or number.</summary>
internal sealed class MarkdownBlockWalker(
    ParsedDocumentBuilder builder,
    DepthLimitedHtmlParser htmlParser,
    string fileName,
    CancellationToken cancellationToken)
{
    public void Visit(Block block, string? listMarker, bool inList)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var textKind = inList ? DocumentBlockKind.ListItem : DocumentBlockKind.Paragraph;
        switch (block)
        {
            // Front matter is a code block to Markdig, so it must be matched first.
            case YamlFrontMatterBlock or ThematicBreakBlock or LinkReferenceDefinitionGroup:
                break;
            case HeadingBlock heading:
                builder.AddHeading(heading.Level, MarkdownInlineText.Render(heading.Inline));
                break;
            case ParagraphBlock paragraph:
                builder.AddBlock(textKind, listMarker + MarkdownInlineText.Render(paragraph.Inline));
                break;
            case CodeBlock code:
                builder.AddBlock(DocumentBlockKind.Code, code.Lines.ToString());
                break;
            case HtmlBlock html:
                builder.AddBlock(textKind, HtmlText(html));
                break;
            case Table table:
                builder.AddBlock(DocumentBlockKind.Table, TableText(table));
                break;
            case ListBlock list:
                VisitList(list);
                break;
            case ContainerBlock container:
                VisitChildren(container, listMarker, inList);
                break;
            default:
                break;
        }
    }

    private void VisitList(ListBlock list)
    {
        var number = int.TryParse(list.OrderedStart, out var start) ? start : 1;
        foreach (var item in list.OfType<ListItemBlock>())
        {
            var marker = list.IsOrdered ? $"{number++}. " : "- ";
            VisitChildren(item, marker, inList: true);
        }
    }

    // Only the first paragraph of a list item carries its marker.
    private void VisitChildren(ContainerBlock container, string? listMarker, bool inList)
    {
        foreach (var child in container)
        {
            Visit(child, listMarker, inList);
            listMarker = null;
        }
    }

    private string HtmlText(HtmlBlock html)
    {
        using var fragment = htmlParser.Parse(html.Lines.ToString(), fileName);
        return fragment.Body?.TextContent ?? "";
    }

    private static string TableText(Table table)
    {
        var rows = table.OfType<TableRow>().Select(row => string.Join(HtmlTableText.CellSeparator,
            row.OfType<TableCell>().Select(CellText)));
        return string.Join('\n', rows);
    }

    private static string CellText(TableCell cell) =>
        string.Join(' ', cell.OfType<LeafBlock>().Select(leaf => MarkdownInlineText.Render(leaf.Inline).Trim()));
}
