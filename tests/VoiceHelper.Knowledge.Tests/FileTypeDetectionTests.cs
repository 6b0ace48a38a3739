using System.Text;
using VoiceHelper.Knowledge.Parsing;

namespace VoiceHelper.Knowledge.Tests;

[Trait("Category", "Unit")]
public sealed class FileTypeDetectionTests
{
    private readonly DocumentParser _parser = new();

    [Theory]
    [InlineData("guide.md", "text/plain", DocumentFileType.Markdown)]
    [InlineData("guide.MARKDOWN", null, DocumentFileType.Markdown)]
    [InlineData("upload", "text/markdown; charset=utf-8", DocumentFileType.Markdown)]
    [InlineData("upload", "text/html", DocumentFileType.Html)]
    [InlineData("notes.txt", "application/octet-stream", DocumentFileType.PlainText)]
    [InlineData("README", null, DocumentFileType.PlainText)]
    public void Parse_ExtensionAndContentType_SelectFormat(string fileName, string? contentType, DocumentFileType expected)
    {
        var document = _parser.Parse(Encoding.UTF8.GetBytes("# Title\n\nSome text."), fileName, contentType);

        Assert.Equal(expected, document.FileType);
    }

    [Fact]
    public void Parse_HtmlWithoutExtension_IsSniffed()
    {
        var document = _parser.Parse(RealDocuments.PostgresManualPage("indexes-types.html"), "download");

        Assert.Equal(DocumentFileType.Html, document.FileType);
    }

    [Fact]
    public void Parse_PdfNamedText_IsReadAsPdf()
    {
        var document = _parser.Parse(RealDocuments.Tasn1Pdf(), "manual.txt", "text/plain");

        Assert.Equal(DocumentFileType.Pdf, document.FileType);
    }
}
