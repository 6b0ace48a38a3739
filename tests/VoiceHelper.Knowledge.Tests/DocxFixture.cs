using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using VoiceHelper.Knowledge.Parsing;

namespace VoiceHelper.Knowledge.Tests;

/// <summary>
/// Writes the blocks of a parsed document as a Word document with the Open XML SDK: headings in Word's built-in
/// Heading 1 to 3 styles, list items with numbering, tables as Word tables, and a Title-style first paragraph.
/// </summary>
internal static class DocxFixture
{
    /// <summary>Creates the DOCX bytes.</summary>
    /// <param name="source">The blocks to write.</param>
    /// <param name="styledTitle">A paragraph in the Title style written first, or <see langword="null"/>.</param>
    /// <param name="propertiesTitle">The title in the document properties, or <see langword="null"/>.</param>
    /// <param name="headingStyleIdPrefix">
    /// The prefix of the heading style ids: Word uses "Heading" in English and a translation elsewhere
    /// (German Word writes "berschrift1"), while the style names stay "heading 1".
    /// </param>
    public static byte[] Write(ParsedDocument source, string? styledTitle, string? propertiesTitle, string headingStyleIdPrefix = "Heading")
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var mainPart = document.AddMainDocumentPart();
            AddStyles(mainPart, headingStyleIdPrefix);
            AddNumbering(mainPart);
            var body = new Body();
            if (styledTitle is not null)
            {
                body.Append(StyledParagraph(styledTitle, "Title"));
            }

            foreach (var block in source.Blocks)
            {
                body.Append(ToElement(block, headingStyleIdPrefix));
            }

            mainPart.Document = new Document(body);
            if (propertiesTitle is not null)
            {
                document.PackageProperties.Title = propertiesTitle;
            }
        }

        return stream.ToArray();
    }

    private static OpenXmlElement ToElement(DocumentBlock block, string headingStyleIdPrefix) => block.Kind switch
    {
        DocumentBlockKind.Heading => StyledParagraph(block.Text, headingStyleIdPrefix + Math.Min(block.HeadingPath.Count, 3)),
        DocumentBlockKind.ListItem => ListParagraph(block.Text.TrimStart('-', ' ')),
        DocumentBlockKind.Table => TableOf(block.Text),
        DocumentBlockKind.Code => CodeParagraph(block.Text),
        _ => new Paragraph(new Run(new Text(block.Text) { Space = SpaceProcessingModeValues.Preserve })),
    };

    private static Paragraph StyledParagraph(string text, string styleId) =>
        new(new ParagraphProperties(new ParagraphStyleId { Val = styleId }), new Run(new Text(text)));

    private static Paragraph ListParagraph(string text) =>
        new(
            new ParagraphProperties(new NumberingProperties(new NumberingLevelReference { Val = 0 }, new NumberingId { Val = 1 })),
            new Run(new Text(text) { Space = SpaceProcessingModeValues.Preserve }));

    private static Paragraph CodeParagraph(string text)
    {
        var run = new Run(new RunProperties(new RunFonts { Ascii = "Courier New", HighAnsi = "Courier New" }));
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0)
            {
                run.Append(new Break());
            }

            run.Append(new Text(lines[i]) { Space = SpaceProcessingModeValues.Preserve });
        }

        return new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = "Code" }), run);
    }

    private static Table TableOf(string text)
    {
        var table = new Table(new TableProperties(new TableBorders(new InsideHorizontalBorder { Val = BorderValues.Single })));
        foreach (var line in text.Split('\n'))
        {
            var row = new TableRow();
            foreach (var cell in line.Split(" | "))
            {
                row.Append(new TableCell(new Paragraph(new Run(new Text(cell) { Space = SpaceProcessingModeValues.Preserve }))));
            }

            table.Append(row);
        }

        return table;
    }

    private static void AddStyles(MainDocumentPart mainPart, string headingStyleIdPrefix)
    {
        var styles = new Styles(
            new Style(new StyleName { Val = "Normal" }) { Type = StyleValues.Paragraph, StyleId = "Normal", Default = true },
            new Style(new StyleName { Val = "Title" }, new BasedOn { Val = "Normal" }) { Type = StyleValues.Paragraph, StyleId = "Title" },
            new Style(new StyleName { Val = "Code" }, new BasedOn { Val = "Normal" }) { Type = StyleValues.Paragraph, StyleId = "Code" });
        for (var level = 1; level <= 3; level++)
        {
            styles.Append(new Style(
                new StyleName { Val = $"heading {level}" },
                new BasedOn { Val = "Normal" },
                new StyleParagraphProperties(new OutlineLevel { Val = level - 1 }))
            {
                Type = StyleValues.Paragraph,
                StyleId = headingStyleIdPrefix + level,
            });
        }

        mainPart.AddNewPart<StyleDefinitionsPart>().Styles = styles;
    }

    private static void AddNumbering(MainDocumentPart mainPart)
    {
        var level = new Level(new NumberingFormat { Val = NumberFormatValues.Bullet }, new LevelText { Val = "•" }) { LevelIndex = 0 };
        mainPart.AddNewPart<NumberingDefinitionsPart>().Numbering = new Numbering(
            new AbstractNum(level) { AbstractNumberId = 1 },
            new NumberingInstance(new AbstractNumId { Val = 1 }) { NumberID = 1 });
    }
}
