using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Wordprocessing;

namespace VoiceHelper.Knowledge.Parsing.Internal;

/// <summary>Walks a Word document body in order and adds its headings, paragraphs, list items and tables.</summary>
internal sealed class DocxBodyWalker(ParsedDocumentBuilder builder, DocxStyles styles, CancellationToken cancellationToken)
{
    /// <summary>The text of the first paragraph in Word's Title style, if any.</summary>
    public string? StyledTitle { get; private set; }

    /// <summary>Adds the paragraphs and tables of <paramref name="container"/>, including those inside content controls.</summary>
    public void Visit(OpenXmlElement container)
    {
        foreach (var element in container.ChildElements)
        {
            cancellationToken.ThrowIfCancellationRequested();
            switch (element)
            {
                case Paragraph paragraph:
                    AddParagraph(paragraph);
                    break;
                case Table table:
                    builder.AddBlock(DocumentBlockKind.Table, DocxText.OfTable(table));
                    break;
                case SdtBlock or SdtContentBlock or CustomXmlBlock:
                    Visit(element);
                    break;
                default:
                    break;
            }
        }
    }

    private void AddParagraph(Paragraph paragraph)
    {
        var text = DocxText.OfParagraph(paragraph);
        if (string.IsNullOrWhiteSpace(text))
        {
            return;
        }

        var level = styles.HeadingLevel(paragraph);
        if (level > 0)
        {
            builder.AddHeading(level, text);
        }
        else if (styles.IsCode(paragraph))
        {
            builder.AddBlock(DocumentBlockKind.Code, text);
        }
        else if (styles.IsListItem(paragraph))
        {
            builder.AddBlock(DocumentBlockKind.ListItem, "- " + text);
        }
        else
        {
            StyledTitle ??= styles.IsTitle(paragraph) ? text : null;
            builder.AddBlock(DocumentBlockKind.Paragraph, text);
        }
    }
}
