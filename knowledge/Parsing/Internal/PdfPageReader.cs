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
    // The reading order detector compares blocks pairwise: 1,893 blocks took 2.3 s and 3,315 blocks 13 s.
    private const int MaxBlocksForReadingOrder = 500;

    private static readonly string[] MonospaceFontMarkers = ["Mono", "Courier", "Consol", "CMTT", "Code", "Typewriter"];

    /// <summary>Returns the blocks of every page in reading order, and the number of letters found.</summary>
    /// <param name="pdf">The opened document.</param>
    /// <param name="maxLayoutWords">
    /// The maximum number of words on a page that gets layout analysis, from <see cref="DocumentParserOptions.MaxPdfLayoutWords"/>.
    /// </param>
    /// <param name="cancellationToken">Stops reading between pages.</param>
    public static (List<PdfTextBlock> Blocks, int LetterCount) Read(
        PdfDocument pdf,
        int maxLayoutWords,
        CancellationToken cancellationToken)
    {
        var blocks = new List<PdfTextBlock>();
        var letterCount = 0;
        for (var number = 1; number <= pdf.NumberOfPages; number++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var page = pdf.GetPage(number);
            letterCount += page.Letters.Count(letter => !string.IsNullOrWhiteSpace(letter.Value));
            blocks.AddRange(ReadPage(page, maxLayoutWords));
        }

        return (blocks, letterCount);
    }

    private static IEnumerable<PdfTextBlock> ReadPage(Page page, int maxLayoutWords)
    {
        var words = page.GetWords(NearestNeighbourWordExtractor.Instance).ToList();
        if (words.Count == 0)
        {
            return [];
        }

        IEnumerable<TextBlock> ordered = words.Count > maxLayoutWords ? [PlainLayout(words)] : AnalyzeLayout(words);
        return ordered
            .Select(block => ToTextBlock(block, page))
            .Where(block => block.Length > 0);
    }

    private static IEnumerable<TextBlock> AnalyzeLayout(List<Word> words)
    {
        var segments = DocstrumBoundingBoxes.Instance.GetBlocks(words);
        return segments.Count > MaxBlocksForReadingOrder
            ? segments.OrderByDescending(block => block.BoundingBox.Top).ThenBy(block => block.BoundingBox.Left)
            : UnsupervisedReadingOrderDetector.Instance.Get(segments);
    }

    // One block of lines from top to bottom, each with its words from left to right. Words whose bottoms round
    // to the same multiple of the median word height share a line.
    private static TextBlock PlainLayout(List<Word> words)
    {
        var heights = words.Select(word => word.BoundingBox.Height).Order().ToList();
        var lineHeight = Math.Max(1, heights[heights.Count / 2]);
        var lines = words
            .GroupBy(word => Math.Round(word.BoundingBox.Bottom / lineHeight))
            .OrderByDescending(line => line.Key)
            .Select(line => new TextLine(line.OrderBy(word => word.BoundingBox.Left).ToList()))
            .ToList();
        return new TextBlock(lines);
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
