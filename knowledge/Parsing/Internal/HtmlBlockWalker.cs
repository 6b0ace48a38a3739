using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace VoiceHelper.Knowledge.Parsing.Internal;

/// <summary>
/// Walks an HTML body in document order and turns it into blocks: headings, paragraphs, list items, tables and
/// preformatted text. Inline text is gathered until the next block-level element starts or ends.
/// </summary>
internal sealed class HtmlBlockWalker(ParsedDocumentBuilder builder, CancellationToken cancellationToken)
{
    private static readonly HashSet<string> BlockElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "section", "article", "main", "header", "aside", "blockquote", "ul", "ol", "dl", "dt", "dd",
        "figure", "figcaption", "address", "hr", "details", "summary", "form", "fieldset", "legend", "center",
        "body", "html", "menu", "hgroup",
    };

    private readonly StringBuilder _inline = new();
    private string? _listMarker;
    private int _listDepth;

    /// <summary>Adds the blocks of <paramref name="root"/> to the builder.</summary>
    public void Walk(INode root)
    {
        VisitChildren(root);
        Flush();
    }

    private void VisitChildren(INode node)
    {
        foreach (var child in node.ChildNodes)
        {
            switch (child)
            {
                case IText text:
                    AppendInline(text.Data);
                    break;
                case IElement element:
                    VisitElement(element);
                    break;
                default:
                    break;
            }
        }
    }

    private void VisitElement(IElement element)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (HtmlChrome.IsChrome(element))
        {
            return;
        }

        switch (element)
        {
            case IHtmlHeadingElement heading:
                AddHeading(heading);
                return;
            case IHtmlPreElement:
                Flush();
                builder.AddBlock(DocumentBlockKind.Code, element.TextContent);
                return;
            case IHtmlTableElement table:
                Flush();
                builder.AddBlock(DocumentBlockKind.Table, HtmlTableText.Format(table));
                return;
            case IHtmlBreakRowElement:
                _inline.Append('\n');
                return;
            case IHtmlListItemElement item:
                VisitListItem(item);
                return;
            default:
                break;
        }

        if (!BlockElements.Contains(element.LocalName))
        {
            VisitChildren(element);
            return;
        }

        Flush();
        VisitChildren(element);
        Flush();
    }

    private void AddHeading(IHtmlHeadingElement heading)
    {
        Flush();
        if (HtmlChrome.IsAdmonitionLabel(heading))
        {
            builder.AddBlock(DocumentBlockKind.Paragraph, heading.TextContent);
            return;
        }

        // h1 to h6; the level is the digit of the tag name.
        var level = heading.LocalName[1] - '0';
        builder.AddHeading(HtmlChrome.IsReferencePageTitle(heading) ? level - 1 : level, heading.TextContent);
    }

    private void VisitListItem(IHtmlListItemElement item)
    {
        Flush();
        _listMarker = item.ParentElement is IHtmlOrderedListElement list ? $"{OrdinalOf(item, list)}. " : "- ";
        _listDepth++;
        VisitChildren(item);
        Flush();
        _listDepth--;
        _listMarker = null;
    }

    private static int OrdinalOf(IHtmlListItemElement item, IHtmlOrderedListElement list)
    {
        var index = list.Children.OfType<IHtmlListItemElement>().TakeWhile(sibling => sibling != item).Count();
        return (list.IsReversed ? -index : index) + list.Start;
    }

    private void AppendInline(string text)
    {
        // Whitespace in HTML source is layout; only <br> makes a line break.
        foreach (var c in text)
        {
            _inline.Append(char.IsWhiteSpace(c) ? ' ' : c);
        }
    }

    private void Flush()
    {
        if (_inline.Length == 0)
        {
            return;
        }

        var text = _inline.ToString();
        _inline.Clear();
        if (string.IsNullOrWhiteSpace(text))
        {
            return;
        }

        var kind = _listDepth > 0 ? DocumentBlockKind.ListItem : DocumentBlockKind.Paragraph;
        builder.AddBlock(kind, _listMarker + text.Trim());
        _listMarker = null;
    }
}
