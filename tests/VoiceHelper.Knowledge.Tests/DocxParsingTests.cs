using VoiceHelper.Knowledge.Chunking;
using VoiceHelper.Knowledge.Parsing;

namespace VoiceHelper.Knowledge.Tests;

[Trait("Category", "Unit")]
public sealed class DocxParsingTests
{
    private readonly DocumentParser _parser = new();
    private readonly DocumentChunker _chunker = new();

    [Fact]
    public void ManualPageAsDocx_HeadingStyles_BecomeHeadingPath()
    {
        var source = ParseManualPage("indexes-types.html");
        var docx = DocxFixture.Write(source, styledTitle: null, propertiesTitle: null);

        var document = _parser.Parse(docx, "index-types.docx");

        var headings = document.Blocks.Where(block => block.Kind == DocumentBlockKind.Heading).ToList();
        Assert.Equal(DocumentFileType.Docx, document.FileType);
        var sourceHeadings = source.Blocks.Where(block => block.Kind == DocumentBlockKind.Heading).Select(block => block.Text);
        Assert.Equal(sourceHeadings, headings.Select(block => block.Text));
        Assert.Equal(["11.2. Index Types", "11.2.5. GIN"], headings[5].HeadingPath);
        Assert.Equal("11.2. Index Types", document.Title);
        Assert.All(document.Blocks, block => Assert.Null(block.Page));
    }

    [Fact]
    public void ManualPageAsDocx_Text_MatchesSourceBlocks()
    {
        var source = ParseManualPage("indexes-types.html");
        var docx = DocxFixture.Write(source, styledTitle: null, propertiesTitle: null);

        var document = _parser.Parse(docx, "index-types.docx");

        Assert.Equal(source.Blocks.Select(block => block.Text), document.Blocks.Select(block => block.Text));
    }

    [Fact]
    public void LocalizedStyleIds_HeadingNames_StillMakeHeadings()
    {
        var source = ParseManualPage("indexes-types.html");
        var docx = DocxFixture.Write(source, styledTitle: null, propertiesTitle: null, headingStyleIdPrefix: "berschrift");

        var document = _parser.Parse(docx, "index-types.docx");

        Assert.Equal(7, document.Blocks.Count(block => block.Kind == DocumentBlockKind.Heading));
    }

    [Fact]
    public void TitleStyleParagraph_WithoutProperties_IsTitle()
    {
        var source = ParseManualPage("indexes-types.html");
        var docx = DocxFixture.Write(source, styledTitle: "PostgreSQL Index Types", propertiesTitle: null);

        var document = _parser.Parse(docx, "index-types.docx");

        Assert.Equal("PostgreSQL Index Types", document.Title);
    }

    [Fact]
    public void PropertiesTitle_WinsOverTitleStyle()
    {
        var source = ParseManualPage("indexes-types.html");
        var docx = DocxFixture.Write(source, styledTitle: "PostgreSQL Index Types", propertiesTitle: "Index Types Handbook");

        var document = _parser.Parse(docx, "index-types.docx");

        Assert.Equal("Index Types Handbook", document.Title);
    }

    [Fact]
    public void TablesAndLists_KeepRowsAndMarkers()
    {
        var source = ParseManualPage("datatype-numeric.html");
        var docx = DocxFixture.Write(source, styledTitle: null, propertiesTitle: null);

        var document = _parser.Parse(docx, "numeric.docx");

        var table = Assert.Single(document.Blocks,
            block => block.Kind == DocumentBlockKind.Table && block.Text.Contains("Storage Size", StringComparison.Ordinal));
        Assert.Contains("smallint | 2 bytes | small-range integer | -32768 to +32767", table.Text.Split('\n'));
    }

    [Fact]
    public void LongManualPageAsDocx_Chunks_KeepInvariants()
    {
        var source = ParseManualPage("sql-createtable.html");
        var docx = DocxFixture.Write(source, styledTitle: null, propertiesTitle: null);
        var document = _parser.Parse(docx, "create-table.docx");

        var chunks = _chunker.Chunk("create-table", document);

        ChunkAssertions.AssertInvariants(document, chunks, new ChunkingOptions());
        Assert.True(chunks.Count > 20, $"Only {chunks.Count} chunks.");
    }

    private ParsedDocument ParseManualPage(string page) => _parser.Parse(RealDocuments.PostgresManualPage(page), page);
}
