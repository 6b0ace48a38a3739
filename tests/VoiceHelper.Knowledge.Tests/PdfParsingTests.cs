using VoiceHelper.Knowledge.Chunking;
using VoiceHelper.Knowledge.Parsing;

namespace VoiceHelper.Knowledge.Tests;

[Trait("Category", "Unit")]
public sealed class PdfParsingTests
{
    private const string RunningHeader = "PostgreSQL 15 manual excerpt";

    private readonly DocumentParser _parser = new();
    private readonly DocumentChunker _chunker = new();

    [Fact]
    public void TypesetManualPage_Headings_AreFoundByFontSize()
    {
        var (fixture, document) = TypesetAndParse("indexes-types.html", metadataTitle: null);

        var headings = document.Blocks.Where(block => block.Kind == DocumentBlockKind.Heading).ToList();

        Assert.Equal(7, headings.Count);
        Assert.Equal(["11.2. Index Types"], headings[0].HeadingPath);
        Assert.Equal(["11.2. Index Types", "11.2.3. GiST"], headings[3].HeadingPath);
        Assert.Equal("11.2. Index Types", document.Title);
        Assert.True(fixture.PageCount >= 2, $"The fixture has {fixture.PageCount} page; the test needs several.");
        Assert.Equal(fixture.PageCount, document.PageCount);
    }

    [Fact]
    public void TypesetManualPage_BlockPages_MatchPagesDrawnOn()
    {
        var (fixture, document) = TypesetAndParse("indexes-types.html", metadataTitle: null);

        Assert.Contains(fixture.BlockPages, drawn => drawn.Page == 2);
        var cursor = 0;
        foreach (var (text, page) in fixture.BlockPages)
        {
            // Text extraction does not keep runs of spaces inside a line; blocks are matched in reading order
            // because short code lines such as "=" repeat.
            var prefix = Collapse(text.Split('\n')[0]);
            prefix = prefix[..Math.Min(40, prefix.Length)];
            var index = cursor;
            while (index < document.Blocks.Count && !Collapse(document.Blocks[index].Text).StartsWith(prefix, StringComparison.Ordinal))
            {
                index++;
            }

            Assert.True(index < document.Blocks.Count, $"No parsed block after block {cursor} starts with '{prefix}'.");
            Assert.Equal((prefix, page), (prefix, document.Blocks[index].Page));
            cursor = index + 1;
        }
    }

    [Fact]
    public void TypesetManualPage_ChunkPages_AreFirstPageOfChunk()
    {
        var (fixture, document) = TypesetAndParse("indexes-types.html", metadataTitle: null);

        var chunks = _chunker.Chunk("pdf", document);

        ChunkAssertions.AssertInvariants(document, chunks, new ChunkingOptions());
        Assert.Contains(chunks, chunk => chunk.Page > 1);
        foreach (var chunk in chunks)
        {
            var firstBlock = document.Blocks.First(block => block.End > chunk.Start);
            Assert.Equal(firstBlock.Page, chunk.Page);
        }
    }

    [Fact]
    public void TypesetManualPage_RunningHeaderAndPageNumbers_AreRemoved()
    {
        var (_, document) = TypesetAndParse("indexes-types.html", metadataTitle: null);

        Assert.DoesNotContain(RunningHeader, document.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(document.Blocks, block => block.Text.All(char.IsAsciiDigit));
    }

    [Fact]
    public void TypesetManualPage_CodeInCourier_IsCodeBlock()
    {
        var (_, document) = TypesetAndParse("indexes-types.html", metadataTitle: null);

        var code = Assert.Single(document.Blocks, block => block.Text.StartsWith("SELECT * FROM places", StringComparison.Ordinal));

        Assert.Equal(DocumentBlockKind.Code, code.Kind);
    }

    [Fact]
    public void TypesetManualPage_MetadataTitle_WinsOverHeading()
    {
        var (_, document) = TypesetAndParse("indexes-types.html", metadataTitle: "Index Types (PDF export)");

        Assert.Equal("Index Types (PDF export)", document.Title);
    }

    [Fact]
    public void TypesetLongManualPage_SentenceSplitByPageBreak_IsJoined()
    {
        var (fixture, document) = TypesetAndParse("sql-createtable.html", metadataTitle: null);

        var midSentence = fixture.ParagraphBreaks
            .Where(pair => char.IsLower(pair.LineAfter[0]) && char.IsLetter(pair.LineBefore[^1]))
            .ToList();

        Assert.True(fixture.PageCount > 10, $"The fixture has {fixture.PageCount} pages.");
        Assert.NotEmpty(midSentence);
        foreach (var (before, after) in midSentence)
        {
            var block = Assert.Single(document.Blocks, block => block.Text.Contains(before, StringComparison.Ordinal));
            Assert.Contains(before + " " + after, block.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Tasn1Manual_TexinfoHeadings_HaveLevelsAndPages()
    {
        var document = _parser.Parse(RealDocuments.Tasn1Pdf(), "libtasn1.pdf", "application/pdf");

        var section = Assert.Single(document.Blocks,
            block => block.Kind == DocumentBlockKind.Heading && block.Text == "3.1 Invoking asn1Parser");

        Assert.Equal(36, document.PageCount);
        Assert.Equal("Libtasn1", document.Title);
        Assert.Equal(8, section.Page);
        Assert.Equal(["Libtasn1", "3 Utilities", "3.1 Invoking asn1Parser"], section.HeadingPath);
    }

    [Fact]
    public void Tasn1Manual_RunningHeaders_AreRemoved()
    {
        var document = _parser.Parse(RealDocuments.Tasn1Pdf(), "libtasn1.pdf");

        Assert.DoesNotContain(document.Blocks, block => block.Text == "Chapter 3: Utilities");
        Assert.DoesNotContain(document.Blocks, block => block.Text.All(char.IsAsciiDigit));
    }

    [Fact]
    public void Tasn1Manual_Chunks_KeepInvariants()
    {
        var document = _parser.Parse(RealDocuments.Tasn1Pdf(), "libtasn1.pdf");

        var chunks = _chunker.Chunk("libtasn1", document);

        ChunkAssertions.AssertInvariants(document, chunks, new ChunkingOptions());
        Assert.All(chunks, chunk => Assert.InRange(chunk.Page ?? 0, 1, 36));
        Assert.Contains(chunks, chunk => chunk.HeadingPathText == "Libtasn1 > 2 ASN.1 structure handling > 2.1 ASN.1 syntax");
    }

    private static string Collapse(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private (PdfFixture Fixture, ParsedDocument Document) TypesetAndParse(string page, string? metadataTitle)
    {
        var source = _parser.Parse(RealDocuments.PostgresManualPage(page), page);
        var fixture = PdfFixture.Typeset(source, RunningHeader, metadataTitle);
        return (fixture, _parser.Parse(fixture.Bytes, Path.ChangeExtension(page, ".pdf")));
    }
}
