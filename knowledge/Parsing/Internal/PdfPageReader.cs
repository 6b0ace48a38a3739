using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.DocumentLayoutAnalysis;
using UglyToad.PdfPig.DocumentLayoutAnalysis.PageSegmenter;
using UglyToad.PdfPig.DocumentLayoutAnalysis.ReadingOrderDetector;
using UglyToad.PdfPig.DocumentLayoutAnalysis.WordExtractor;

namespace VoiceHelper.Knowledge.Parsing.Internal;

/// <summary>
/// Extracts the text blocks of each page with PdfPig's layout analysis: nearest-neighbour word extraction,
/// Docstrum segmentation into blocks of lines, then unsupervised reading order.
/// </summary>
internal static class PdfPageReader
{
    private static readonly string[] MonospaceFontMarkers = ["Mono", "Courier", "Consol", "CMTT", "Code", "Typewriter"];

    /// <summary>Returns the blocks of every page in reading order, and the number of letters found.</summary>
    public static (List<PdfTextBlock> Blocks, int LetterCount) Read(PdfDocument pdf, CancellationToken cancellationToken)
    {
        var blocks = new List<PdfTextBlock>();
        var letterCount = 0;
        for (var number = 1; number <= pdf.NumberOfPages; number++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var page = pdf.GetPage(number);
            letterCount += page.Letters.Count(letter => !string.IsNullOrWhiteSpace(letter.Value));
            blocks.AddRange(ReadPage(page));
        }

        return (blocks, letterCount);
    }

    private static IEnumerable<PdfTextBlock> ReadPage(Page page)
    {
        var words = page.GetWords(NearestNeighbourWordExtractor.Instance).ToList();
        if (words.Count == 0)
        {
            return [];
        }

        var segments = DocstrumBoundingBoxes.Instance.GetBlocks(words);
        return UnsupervisedReadingOrderDetector.Instance.Get(segments)
            .Select(block => ToTextBlock(block, page))
            .Where(block => block.Length > 0);
    }

    private static PdfTextBlock ToTextBlock(TextBlock block, Page page)
    {
        var letters = block.TextLines.SelectMany(line => line.Words).SelectMany(word => word.Letters).ToList();
        var sizes = letters.Select(letter => letter.PointSize).Order().ToList();
        var monospace = letters.Count(letter => IsMonospaceFont(letter.FontName));
        var lines = block.TextLines.Select(line => line.Text.Trim()).Where(line => line.Length > 0).ToList();
        return new PdfTextBlock(
            page.Number,
            lines,
            sizes.Count > 0 ? sizes[sizes.Count / 2] : 0,
            monospace * 2 > letters.Count,
            block.BoundingBox.Top,
            block.BoundingBox.Bottom,
            page.Height);
    }

    private static bool IsMonospaceFont(string? fontName) =>
        fontName is not null && MonospaceFontMarkers.Any(marker => fontName.Contains(marker, StringComparison.OrdinalIgnoreCase));
}
