using System.Diagnostics;
using VoiceHelper.Knowledge.Parsing;

namespace VoiceHelper.Knowledge.Tests;

[Trait("Category", "Unit")]
public sealed class DocxNestingTests
{
    private const string Paragraph = "<w:p><w:r><w:t>Text at the bottom</w:t></w:r></w:p>";
    private const string TableOpen = "<w:tbl><w:tr><w:tc>";
    private const string TableClose = "</w:tc></w:tr></w:tbl>";
    private const string ContentControlOpen = "<w:sdt><w:sdtContent>";
    private const string ContentControlClose = "</w:sdtContent></w:sdt>";

    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(60);

    private readonly DocumentParser _parser = new();

    [Fact]
    public void NestedTablesOverLimit_Throw_TooComplex()
    {
        var docx = DocxPackageFixture.Create(NestedMarkup.Nest(TableOpen, Paragraph, TableClose, depth: 1000));

        var error = Assert.Throws<DocumentParseException>(() => _parser.Parse(docx, "tables.docx"));

        Assert.Equal(DocumentParseError.TooComplex, error.Error);
        Assert.Equal("document_too_complex", error.Code);
        Assert.Contains("tables.docx", error.Message, StringComparison.Ordinal);
        Assert.Contains("/word/document.xml", error.Message, StringComparison.Ordinal);
        Assert.Contains("256 levels", error.Message, StringComparison.Ordinal);
        Assert.Contains("Knowledge:Parsing:MaxDocxNestingDepth", error.Message, StringComparison.Ordinal);
    }

    // Before the depth check, each of these overflowed the stack inside the Open XML SDK on a thread-pool thread,
    // where the ingestion grain parses, and ended the process.
    [Theory]
    [InlineData(TableOpen, TableClose, 20_000)]
    [InlineData(ContentControlOpen, ContentControlClose, 20_000)]
    [InlineData("<w:e>", "</w:e>", 60_000)]
    public async Task NestingThatOverflowedStack_Throws_TooComplexQuickly(string open, string close, int depth)
    {
        var docx = DocxPackageFixture.Create(NestedMarkup.Nest(open, Paragraph, close, depth));
        var stopwatch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<DocumentParseException>(
            () => Task.Run(() => _parser.Parse(docx, "deep.docx")).WaitAsync(StepTimeout));

        Assert.Equal(DocumentParseError.TooComplex, error.Error);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"Rejecting the file took {stopwatch.Elapsed}.");
    }

    // The largest allowed limit must not let the SDK or the body walker overflow the stack of a thread-pool thread.
    [Fact]
    public async Task HighestAllowedLimit_DeepTables_ParseOnThreadPool()
    {
        var parser = new DocumentParser(new DocumentParserOptions { MaxDocxNestingDepth = 2048 });
        var docx = DocxPackageFixture.Create(NestedMarkup.Nest(TableOpen, Paragraph, TableClose, depth: 680));

        var document = await Task.Run(() => parser.Parse(docx, "tables.docx")).WaitAsync(StepTimeout);

        Assert.Equal("Text at the bottom", Assert.Single(document.Blocks).Text);
    }

    [Fact]
    public void StylesPartOverLimit_Throws_TooComplex()
    {
        var style = "<w:style w:type=\"paragraph\" w:styleId=\"Deep\"><w:name w:val=\"Deep\"/>"
            + NestedMarkup.Nest("<x:e xmlns:x=\"urn:example\">", "", "</x:e>", depth: 2000) + "</w:style>";
        var docx = DocxPackageFixture.Create(Paragraph, stylesXml: style);

        var error = Assert.Throws<DocumentParseException>(() => _parser.Parse(docx, "styles.docx"));

        Assert.Equal(DocumentParseError.TooComplex, error.Error);
        Assert.Contains("/word/styles.xml", error.Message, StringComparison.Ordinal);
    }

    // w:document, w:body, then two levels per content control, then w:p, w:r and w:t: 5 + 2 * 6 = 17 levels.
    [Theory]
    [InlineData(17, true)]
    [InlineData(16, false)]
    public void NestingAtLimit_Parses_AndOneLevelDeeperThrows(int limit, bool parses)
    {
        var parser = new DocumentParser(new DocumentParserOptions { MaxDocxNestingDepth = limit });
        var docx = DocxPackageFixture.Create(NestedMarkup.Nest(ContentControlOpen, Paragraph, ContentControlClose, depth: 6));

        var exception = Record.Exception(() => parser.Parse(docx, "controls.docx"));

        if (parses)
        {
            Assert.Null(exception);
        }
        else
        {
            var error = Assert.IsType<DocumentParseException>(exception);
            Assert.Equal(DocumentParseError.TooComplex, error.Error);
            Assert.Contains($"{limit} levels", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void NestedTablesWithinLimit_Parse_KeepInnermostText()
    {
        var docx = DocxPackageFixture.Create(NestedMarkup.Nest(TableOpen, Paragraph, TableClose, depth: 50));

        var document = _parser.Parse(docx, "tables.docx");

        var table = Assert.Single(document.Blocks);
        Assert.Equal(DocumentBlockKind.Table, table.Kind);
        Assert.Equal("Text at the bottom", table.Text);
    }

    [Fact]
    public void NestedTableInCell_Text_IsKept()
    {
        var inner = "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>inner A</w:t></w:r></w:p></w:tc>"
            + "<w:tc><w:p><w:r><w:t>inner B</w:t></w:r></w:p></w:tc></w:tr></w:tbl>";
        var outer = "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>outer</w:t></w:r></w:p></w:tc>"
            + $"<w:tc><w:p><w:r><w:t>before</w:t></w:r></w:p>{inner}</w:tc></w:tr></w:tbl>";

        var document = _parser.Parse(DocxPackageFixture.Create(outer), "cells.docx");

        Assert.Equal("outer | before inner A | inner B", Assert.Single(document.Blocks).Text);
    }

    [Fact]
    public void CorePropertiesTitle_IsTitle()
    {
        var docx = DocxPackageFixture.Create(Paragraph, corePropertiesXml: "<dc:title>Quarterly report</dc:title>");

        var document = _parser.Parse(docx, "report.docx");

        Assert.Equal("Quarterly report", document.Title);
    }

    // System.IO.Packaging rejects elements that the core properties schema lacks, with ArgumentOutOfRangeException.
    [Theory]
    [InlineData("<dc:title>Report</dc:title><x:extra xmlns:x=\"urn:example\"/>")]
    [InlineData("<dc:title>Report</dc:title><x:e xmlns:x=\"urn:example\"><x:e><x:e/></x:e></x:e>")]
    public void CorePropertiesWithUnknownElement_Throws_Corrupt(string corePropertiesXml)
    {
        var docx = DocxPackageFixture.Create(Paragraph, corePropertiesXml: corePropertiesXml);

        var error = Assert.Throws<DocumentParseException>(() => _parser.Parse(docx, "report.docx"));

        Assert.Equal(DocumentParseError.Corrupt, error.Error);
        Assert.Contains("docProps/core.xml", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingMainPart_Throws_Corrupt()
    {
        var docx = DocxPackageFixture.WithoutMainPart();

        var error = Assert.Throws<DocumentParseException>(() => _parser.Parse(docx, "hollow.docx"));

        Assert.Equal(DocumentParseError.Corrupt, error.Error);
        Assert.Contains("hollow.docx", error.Message, StringComparison.Ordinal);
        Assert.Contains("word/document.xml", error.Message, StringComparison.Ordinal);
    }
}
