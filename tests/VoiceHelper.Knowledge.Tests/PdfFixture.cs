using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;
using VoiceHelper.Knowledge.Parsing;

namespace VoiceHelper.Knowledge.Tests;

/// <summary>
/// Typesets the blocks of a parsed document into an A4 PDF with PdfPig's writer: headings in larger bold type,
/// code in Courier, a running header and a page number on every page. Records the page on which each block
/// starts, so tests can check the pages that the parser reports.
/// </summary>
internal sealed class PdfFixture
{
    private const double Margin = 56;
    private const double BodySize = 10;
    private const double CodeSize = 9;
    private static readonly double[] HeadingSizes = [18, 15, 13, 12];

    private readonly PdfDocumentBuilder _builder = new();
    private readonly PdfDocumentBuilder.AddedFont _regular;
    private readonly PdfDocumentBuilder.AddedFont _bold;
    private readonly PdfDocumentBuilder.AddedFont _monospace;
    private readonly string _runningHeader;
    private readonly List<(string Text, int Page)> _blockPages = [];
    private readonly List<(string LineBefore, string LineAfter)> _paragraphBreaks = [];
    private PdfPageBuilder _page = null!;
    private int _pageNumber;
    private double _y;

    private PdfFixture(string runningHeader)
    {
        _runningHeader = runningHeader;
        _regular = _builder.AddStandard14Font(Standard14Font.Helvetica);
        _bold = _builder.AddStandard14Font(Standard14Font.HelveticaBold);
        _monospace = _builder.AddStandard14Font(Standard14Font.Courier);
    }

    /// <summary>The PDF file.</summary>
    public byte[] Bytes { get; private set; } = [];

    /// <summary>The text of each block as drawn (characters outside the standard fonts replaced), and its first page.</summary>
    public IReadOnlyList<(string Text, int Page)> BlockPages => _blockPages;

    /// <summary>The last line before and the first line after each page break that falls inside a paragraph.</summary>
    public IReadOnlyList<(string LineBefore, string LineAfter)> ParagraphBreaks => _paragraphBreaks;

    public int PageCount => _pageNumber;

    /// <summary>Typesets <paramref name="source"/>; the document title goes into the PDF's metadata when given.</summary>
    public static PdfFixture Typeset(ParsedDocument source, string runningHeader, string? metadataTitle)
    {
        var fixture = new PdfFixture(runningHeader);
        if (metadataTitle is not null)
        {
            fixture._builder.DocumentInformation.Title = metadataTitle;
        }

        fixture.NewPage();
        foreach (var block in source.Blocks)
        {
            fixture.Draw(block);
        }

        fixture.Bytes = fixture._builder.Build();
        return fixture;
    }

    private void Draw(DocumentBlock block)
    {
        var text = Sanitize(block.Text);
        var (font, size) = block.Kind switch
        {
            DocumentBlockKind.Heading => (_bold, HeadingSizes[Math.Min(block.HeadingPath.Count, HeadingSizes.Length) - 1]),
            DocumentBlockKind.Code => (_monospace, CodeSize),
            _ => (_regular, BodySize),
        };
        var lines = block.Kind == DocumentBlockKind.Code ? text.Split('\n').ToList() : Wrap(text, font, size);
        var lineHeight = size * 1.3;

        // Keep a heading on the same page as the first lines after it.
        var needed = block.Kind == DocumentBlockKind.Heading ? lineHeight * 4 : lineHeight;
        if (_y - needed < Margin)
        {
            NewPage();
        }

        _blockPages.Add((text, _pageNumber));
        _y -= block.Kind == DocumentBlockKind.Heading ? size * 0.8 : 0;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (_y - lineHeight < Margin)
            {
                NewPage();
                if (block.Kind == DocumentBlockKind.Paragraph && i > 0)
                {
                    _paragraphBreaks.Add((lines[i - 1], line));
                }
            }

            _y -= lineHeight;
            if (line.Trim().Length > 0)
            {
                _page.AddText(line, size, new PdfPoint(Margin, _y), font);
            }
        }

        _y -= BodySize * 0.9;
    }

    private List<string> Wrap(string text, PdfDocumentBuilder.AddedFont font, double size)
    {
        var width = _page.PageSize.Width - 2 * Margin;
        var lines = new List<string>();
        var line = "";
        foreach (var word in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = line.Length == 0 ? word : line + " " + word;
            if (line.Length > 0 && Measure(candidate, font, size) > width)
            {
                lines.Add(line);
                candidate = word;
            }

            line = candidate;
        }

        lines.Add(line);
        return lines;
    }

    private double Measure(string text, PdfDocumentBuilder.AddedFont font, double size)
    {
        var letters = _page.MeasureText(text, size, new PdfPoint(0, 0), font);
        return letters.Count == 0 ? 0 : letters[^1].EndBaseLine.X - letters[0].StartBaseLine.X;
    }

    private void NewPage()
    {
        _page = _builder.AddPage(PageSize.A4);
        _pageNumber++;
        var height = _page.PageSize.Height;
        _page.AddText(_runningHeader, 8, new PdfPoint(Margin, height - 30), _regular);
        _page.AddText(_pageNumber.ToString(System.Globalization.CultureInfo.InvariantCulture), 8,
            new PdfPoint(_page.PageSize.Width / 2, 28), _regular);
        _y = height - Margin;
    }

    // The standard 14 fonts cover WinAnsi only; replace anything else.
    private static string Sanitize(string text) =>
        new(text.Select(c => c switch
        {
            '\u00A0' => ' ',
            < '\u0080' or (> '\u00A0' and <= '\u00FF') => c,
            _ when "—–“”‘’…•".Contains(c) => c,
            _ => '?',
        }).ToArray());
}
