using VoiceHelper.Knowledge.Parsing;

namespace VoiceHelper.Knowledge.Tests;

[Trait("Category", "Unit")]
public sealed class ZipBombTests
{
    private readonly byte[] _docx;

    public ZipBombTests()
    {
        var page = RealDocuments.PostgresManualPage("indexes-types.html");
        var source = new DocumentParser().Parse(page, "indexes-types.html");
        _docx = DocxFixture.Write(source, styledTitle: null, propertiesTitle: null);
    }

    [Fact]
    public void DocumentPartInflatingPastEntryLimit_Throws_ArchiveTooLarge()
    {
        var bomb = ZipFixture.WithPaddedDocumentPart(_docx, inflatedBytes: 80 << 20, compressible: true);

        var error = Assert.Throws<DocumentParseException>(() => new DocumentParser().Parse(bomb, "bomb.docx"));

        Assert.True(bomb.Length < 1 << 20, $"The bomb is {bomb.Length} bytes; it should be small.");
        Assert.Equal(DocumentParseError.ArchiveTooLarge, error.Error);
        Assert.Equal("document_archive_too_large", error.Code);
        Assert.Contains("word/document.xml", error.Message, StringComparison.Ordinal);
        Assert.Contains("bomb.docx", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HighlyCompressedDocumentPart_Throws_ArchiveTooLarge()
    {
        var bomb = ZipFixture.WithPaddedDocumentPart(_docx, inflatedBytes: 8 << 20, compressible: true);

        var error = Assert.Throws<DocumentParseException>(() => new DocumentParser().Parse(bomb, "bomb.docx"));

        Assert.Equal(DocumentParseError.ArchiveTooLarge, error.Error);
        Assert.Contains("MaxCompressionRatio", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IncompressibleDocumentPart_OverEntryLimit_Throws_ArchiveTooLarge()
    {
        var options = new DocumentParserOptions { MaxArchiveEntryBytes = 64 << 10 };
        var large = ZipFixture.WithPaddedDocumentPart(_docx, inflatedBytes: 200 << 10, compressible: false);

        var error = Assert.Throws<DocumentParseException>(() => new DocumentParser(options).Parse(large, "large.docx"));

        Assert.Equal(DocumentParseError.ArchiveTooLarge, error.Error);
        Assert.Contains("MaxArchiveEntryBytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ManyEntries_OverTotalLimit_Throws_ArchiveTooLarge()
    {
        var options = new DocumentParserOptions { MaxArchiveUncompressedBytes = 1 << 20 };
        var archive = ZipFixture.WithExtraEntries(_docx, count: 20, bytesEach: 100 << 10);

        var error = Assert.Throws<DocumentParseException>(() => new DocumentParser(options).Parse(archive, "many.docx"));

        Assert.Equal(DocumentParseError.ArchiveTooLarge, error.Error);
        Assert.Contains("MaxArchiveUncompressedBytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TooManyEntries_Throws_ArchiveTooLarge()
    {
        var options = new DocumentParserOptions { MaxArchiveEntries = 10 };
        var archive = ZipFixture.WithExtraEntries(_docx, count: 10, bytesEach: 10);

        var error = Assert.Throws<DocumentParseException>(() => new DocumentParser(options).Parse(archive, "many.docx"));

        Assert.Equal(DocumentParseError.ArchiveTooLarge, error.Error);
        Assert.Contains("MaxArchiveEntries", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnderstatedEntrySize_Throws_BeforeParsing()
    {
        var padded = ZipFixture.WithPaddedDocumentPart(_docx, inflatedBytes: 4 << 20, compressible: false);
        var lying = ZipFixture.WithDeclaredSize(padded, "word/document.xml", declaredSize: 4096);

        var error = Assert.Throws<DocumentParseException>(() => new DocumentParser().Parse(lying, "lying.docx"));

        // .NET stops inflating an entry at its declared size, so the part arrives truncated and fails to parse.
        // The guard also counts inflated bytes, for readers that do not stop.
        Assert.Contains(error.Error, new[] { DocumentParseError.ArchiveTooLarge, DocumentParseError.Corrupt });
        Assert.Contains("lying.docx", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ZipThatIsNotWord_Throws_UnsupportedType()
    {
        var archive = ZipFixture.WithExtraEntries([], count: 1, bytesEach: 100);

        var error = Assert.Throws<DocumentParseException>(() => new DocumentParser().Parse(archive, "archive.zip"));

        Assert.Equal(DocumentParseError.UnsupportedType, error.Error);
    }

    [Fact]
    public void TruncatedDocx_Throws_Corrupt()
    {
        var truncated = _docx.AsMemory(0, _docx.Length / 2);

        var error = Assert.Throws<DocumentParseException>(() => new DocumentParser().Parse(truncated, "cut.docx"));

        Assert.Equal(DocumentParseError.Corrupt, error.Error);
    }

    [Fact]
    public void GenuineDocx_Parse_PassesGuard()
    {
        var document = new DocumentParser().Parse(_docx, "indexes-types.docx");

        Assert.Equal("11.2. Index Types", document.Title);
    }
}
