using VoiceHelper.Knowledge.Chunking;
using VoiceHelper.Knowledge.Parsing;

namespace VoiceHelper.Knowledge.Tests;

[Trait("Category", "Unit")]
public sealed class HtmlParsingTests
{
    private readonly DocumentParser _parser = new();
    private readonly DocumentChunker _chunker = new();

    [Fact]
    public void IndexTypesPage_Title_IsTitleElement()
    {
        var document = ParsePage("indexes-types.html");

        Assert.Equal("11.2. Index Types", document.Title);
        Assert.Equal(DocumentFileType.Html, document.FileType);
        Assert.Null(document.PageCount);
    }

    [Fact]
    public void IndexTypesPage_Headings_NestSubsectionsUnderSection()
    {
        var document = ParsePage("indexes-types.html");

        var headings = document.Blocks.Where(block => block.Kind == DocumentBlockKind.Heading).ToList();

        Assert.Equal(
            ["11.2. Index Types", "11.2.1. B-Tree", "11.2.2. Hash", "11.2.3. GiST", "11.2.4. SP-GiST", "11.2.5. GIN", "11.2.6. BRIN"],
            headings.Select(heading => heading.Text));
        Assert.Equal(["11.2. Index Types"], headings[0].HeadingPath);
        Assert.All(headings.Skip(1), heading => Assert.Equal(["11.2. Index Types", heading.Text], heading.HeadingPath));
    }

    [Fact]
    public void IndexTypesPage_Chunks_CarrySubsectionHeadingPath()
    {
        var document = ParsePage("indexes-types.html");

        var chunks = _chunker.Chunk("indexes-types", document);

        var btree = Assert.Single(chunks,
            chunk => chunk.Text.Contains("B-trees can handle equality and range queries", StringComparison.Ordinal));
        Assert.Equal("11.2. Index Types > 11.2.1. B-Tree", btree.HeadingPathText);
        var brin = Assert.Single(chunks, chunk => chunk.Text.Contains("Block Range INdexes", StringComparison.Ordinal));
        Assert.Equal("11.2. Index Types > 11.2.6. BRIN", brin.HeadingPathText);
    }

    [Fact]
    public void IndexTypesPage_NavigationChrome_IsInNoChunk()
    {
        var document = ParsePage("indexes-types.html");

        var chunks = _chunker.Chunk("indexes-types", document);

        foreach (var word in new[] { "Prev", "Next", "Up", "Home" })
        {
            Assert.DoesNotMatch($@"\b{word}\b", document.Text);
        }

        // The header's chapter title and the footer's link to the next section exist only in the navigation.
        Assert.DoesNotContain("Chapter 11. Indexes", document.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("11.3. Multicolumn Indexes", document.Text, StringComparison.Ordinal);
        Assert.All(chunks, chunk => Assert.DoesNotContain("PostgreSQL 15", chunk.Text, StringComparison.Ordinal));
    }

    [Fact]
    public void IndexTypesPage_TableOfContents_IsDropped()
    {
        var document = ParsePage("indexes-types.html");

        var occurrences = document.Text.Split("11.2.1. B-Tree").Length - 1;

        Assert.Equal(1, occurrences);
    }

    [Fact]
    public void IndexTypesPage_CodeBlock_StaysWholeInOneChunk()
    {
        var document = ParsePage("indexes-types.html");

        var chunks = _chunker.Chunk("indexes-types", document);

        var code = Assert.Single(document.Blocks,
            block => block.Text.StartsWith("CREATE INDEX name ON table USING HASH", StringComparison.Ordinal));
        Assert.Equal(DocumentBlockKind.Code, code.Kind);
        Assert.Contains(chunks, chunk => chunk.Start <= code.Start && chunk.End >= code.End);
    }

    [Fact]
    public void ReferencePage_SectionHeadings_NestUnderCommandName()
    {
        var document = ParsePage("sql-createindex.html");

        var description = Assert.Single(document.Blocks, block => block.Kind == DocumentBlockKind.Heading && block.Text == "Description");

        Assert.Equal("CREATE INDEX", document.Title);
        Assert.Equal(["CREATE INDEX", "Description"], description.HeadingPath);
    }

    [Fact]
    public void ReferencePage_NoteLabel_IsNotAHeading()
    {
        var document = ParsePage("sql-createindex.html");

        var noteLabels = document.Blocks.Where(block => block.Text == "Note").ToList();

        Assert.NotEmpty(noteLabels);
        Assert.All(noteLabels, label => Assert.Equal(DocumentBlockKind.Paragraph, label.Kind));
        Assert.DoesNotContain(document.Blocks, block => block.HeadingPath.Contains("Note"));
    }

    [Fact]
    public void NumericTypesPage_Table_HasOneLinePerRow()
    {
        var document = ParsePage("datatype-numeric.html");

        var table = Assert.Single(document.Blocks, block => block.Kind == DocumentBlockKind.Table
            && block.Text.Contains("smallint", StringComparison.Ordinal)
            && block.Text.Contains("Storage Size", StringComparison.Ordinal));
        var lines = table.Text.Split('\n');

        Assert.Equal("Name | Storage Size | Description | Range", lines[0]);
        Assert.Contains("smallint | 2 bytes | small-range integer | -32768 to +32767", lines);
    }

    [Fact]
    public void ManualPage_NonAsciiText_IsDecodedAsUtf8()
    {
        var document = ParsePage("sql-createindex.html");

        Assert.Contains("CREATE INDEX — define a new index", document.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void LegacyCharsetPage_MetaCharset_IsHonored()
    {
        var html = "<html><head><meta charset=\"windows-1252\"><title>Caf\u00e9</title></head>"
            + "<body><p>Na\u00efve \u2014 ok.</p></body></html>";
        var bytes = System.Text.CodePagesEncodingProvider.Instance.GetEncoding(1252)!.GetBytes(html);

        var document = _parser.Parse(bytes, "cafe.html");

        Assert.Equal("Café", document.Title);
        Assert.Equal("Naïve — ok.", document.Text);
    }

    [Fact]
    public void ManualPage_ListItems_KeepTheirMarkers()
    {
        var document = ParsePage("install-requirements.html");

        var blocks = document.Blocks;
        var items = Enumerable.Range(0, blocks.Count).Where(i => blocks[i].Kind == DocumentBlockKind.ListItem).ToList();

        // A list item's later paragraphs continue it without a marker.
        Assert.True(items.Count >= 16, $"Only {items.Count} list item blocks.");
        Assert.All(items, i => Assert.True(
            blocks[i].Text.StartsWith("- ", StringComparison.Ordinal) || blocks[i - 1].Kind == DocumentBlockKind.ListItem,
            $"List item block {i} has no marker and follows a {blocks[i - 1].Kind}: {blocks[i].Text}"));
    }

    [Fact]
    public void WholeManual_EveryPage_KeepsChunkInvariants()
    {
        var options = new ChunkingOptions();
        var overlapping = 0;
        foreach (var path in RealDocuments.PostgresManualPages())
        {
            var document = _parser.Parse(File.ReadAllBytes(path), Path.GetFileName(path));
            var chunks = _chunker.Chunk(path, document);

            ChunkAssertions.AssertInvariants(document, chunks, options);
            Assert.DoesNotContain(chunks, chunk => chunk.Text.StartsWith("Prev ", StringComparison.Ordinal));
            overlapping += chunks.Zip(chunks.Skip(1)).Count(pair => pair.Second.Start < pair.First.End);
        }

        Assert.True(overlapping > 1000, $"Only {overlapping} pairs of consecutive chunks overlap.");
    }

    private ParsedDocument ParsePage(string fileName) => _parser.Parse(RealDocuments.PostgresManualPage(fileName), fileName, "text/html");
}
