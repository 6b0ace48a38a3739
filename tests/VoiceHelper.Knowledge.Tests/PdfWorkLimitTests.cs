using System.Diagnostics;
using System.Text;
using VoiceHelper.Knowledge.Parsing;
using static VoiceHelper.Knowledge.Tests.PdfObjectsFixture;

namespace VoiceHelper.Knowledge.Tests;

[Trait("Category", "Unit")]
public sealed class PdfWorkLimitTests
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(300);

    // Before the word limit, layout analysis of this page took 112 s.
    [Fact]
    public async Task CrowdedPage_Parse_FinishesQuickly()
    {
        var pdf = Build(OnePage(content: ScatteredWords(20_000, seed: 1)));
        var stopwatch = Stopwatch.StartNew();

        var document = await Task.Run(() => new DocumentParser().Parse(pdf, "crowded.pdf")).WaitAsync(StepTimeout);

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(30), $"Parsing the page took {stopwatch.Elapsed}.");
        Assert.Equal(20_000, document.Text.Count(letter => letter == 'a'));
    }

    [Fact]
    public void PageOverWordLimit_Lines_ReadTopToBottom()
    {
        var parser = new DocumentParser(new DocumentParserOptions { MaxPdfLayoutWords = 100 });
        var content = new StringBuilder("BT /F1 10 Tf ");
        for (var line = 0; line < 20; line++)
        {
            var words = string.Join(' ', Enumerable.Range(0, 8).Select(word => $"line{line:D2}word{word}"));
            content.Append($"1 0 0 1 72 {750 - (line * 14)} Tm ({words}) Tj ");
        }

        var document = parser.Parse(Build(OnePage(content: content.Append("ET").ToString())), "lines.pdf");

        var positions = Enumerable.Range(0, 20)
            .Select(line => document.Text.IndexOf($"line{line:D2}word0", StringComparison.Ordinal))
            .ToList();
        Assert.All(positions, position => Assert.True(position >= 0, "A line is missing."));
        Assert.Equal(positions.Order(), positions);
    }

    // Each of these 100 crowded pages takes about a second of layout analysis, far over the timeout.
    [Fact]
    public async Task SlowDocument_OverTimeout_Throws_TooComplex()
    {
        var parser = new DocumentParser(new DocumentParserOptions { ParseTimeout = TimeSpan.FromSeconds(1) });
        var pdf = ManyPages(100, page => ScatteredWords(4_000, seed: page));
        var stopwatch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<DocumentParseException>(
            () => Task.Run(() => parser.Parse(pdf, "slow.pdf")).WaitAsync(StepTimeout));

        Assert.Equal(DocumentParseError.TooComplex, error.Error);
        Assert.Contains("timed out after 00:00:01", error.Message, StringComparison.Ordinal);
        Assert.Contains("Knowledge:Parsing:ParseTimeout", error.Message, StringComparison.Ordinal);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(30), $"Stopping took {stopwatch.Elapsed}.");
    }

    [Fact]
    public void StreamDecodingOverLimit_Throws_ArchiveTooLarge()
    {
        var parser = new DocumentParser(new DocumentParserOptions { MaxPdfStreamBytes = 1 << 20 });
        var objects = OnePage();
        objects[3] = FlateStream(TextContent + "\n", paddingBytes: 4 << 20);
        var pdf = Build(objects);

        var error = Assert.Throws<DocumentParseException>(() => parser.Parse(pdf, "bomb.pdf"));

        Assert.True(pdf.Length < 64 << 10, $"The file is {pdf.Length} bytes; it should be small.");
        Assert.Equal(DocumentParseError.ArchiveTooLarge, error.Error);
        Assert.Equal("document_archive_too_large", error.Code);
        Assert.Contains("1,048,576 bytes", error.Message, StringComparison.Ordinal);
        Assert.Contains("Knowledge:Parsing:MaxPdfStreamBytes", error.Message, StringComparison.Ordinal);
    }

    // PdfPig reads object streams while it resolves objects, and turns some errors there into errors of its own.
    [Fact]
    public void ObjectStreamOverLimit_Throws_ArchiveTooLarge()
    {
        var parser = new DocumentParser(new DocumentParserOptions { MaxPdfStreamBytes = 1 << 20 });
        var pdf = BuildWithObjectStream(OnePage(resources: "6 0 R"), ["<< /Font << /F1 5 0 R >> >>"], flate: true, paddingBytes: 4 << 20);

        var error = Assert.Throws<DocumentParseException>(() => parser.Parse(pdf, "bomb.pdf"));

        Assert.Equal(DocumentParseError.ArchiveTooLarge, error.Error);
    }

    [Fact]
    public void StreamDecodingWithinLimit_Parses()
    {
        var parser = new DocumentParser(new DocumentParserOptions { MaxPdfStreamBytes = 8 << 20 });
        var objects = OnePage();
        objects[3] = FlateStream(TextContent + "\n", paddingBytes: 4 << 20);

        var document = parser.Parse(Build(objects), "padded.pdf");

        Assert.Equal("Hello from the fixture", document.Text);
    }

    [Fact]
    public void CancelledByCaller_Throws_OperationCanceled()
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();
        var pdf = Build(OnePage());

        Assert.ThrowsAny<OperationCanceledException>(
            () => new DocumentParser().Parse(pdf, "page.pdf", cancellationToken: cancellation.Token));
    }

    // Two-letter words at random places in 1-point type, so that layout analysis finds no lines to join.
    private static string ScatteredWords(int count, int seed)
    {
        var random = new Random(seed);
        var content = new StringBuilder("BT /F1 1 Tf ");
        for (var i = 0; i < count; i++)
        {
            content.Append($"1 0 0 1 {random.Next(600)} {random.Next(780)} Tm (ab) Tj ");
        }

        return content.Append("ET").ToString();
    }

    private static byte[] ManyPages(int count, Func<int, string> content)
    {
        // Objects: 1 catalog, 2 page tree, 3 font, then a page and its content stream for each page.
        var kids = string.Join(' ', Enumerable.Range(0, count).Select(page => $"{4 + (2 * page)} 0 R"));
        var objects = new List<string> { "<< /Type /Catalog /Pages 2 0 R >>", $"<< /Type /Pages /Kids [{kids}] /Count {count} >>", Font };
        for (var page = 0; page < count; page++)
        {
            objects.Add($"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {5 + (2 * page)} 0 R " +
                "/Resources << /Font << /F1 3 0 R >> >> >>");
            objects.Add(Stream(content(page)));
        }

        return Build(objects);
    }
}
