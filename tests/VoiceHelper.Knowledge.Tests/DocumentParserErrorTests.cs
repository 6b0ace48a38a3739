using System.Text;
using VoiceHelper.Knowledge.Parsing;

namespace VoiceHelper.Knowledge.Tests;

[Trait("Category", "Unit")]
public sealed class DocumentParserErrorTests
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(30);

    private readonly DocumentParser _parser = new();

    [Theory]
    [InlineData("empty.txt")]
    [InlineData("empty.pdf")]
    [InlineData("empty.docx")]
    [InlineData("empty.html")]
    public void EmptyFile_Throws_Empty(string fileName)
    {
        var error = Assert.Throws<DocumentParseException>(() => _parser.Parse(Array.Empty<byte>(), fileName));

        Assert.Equal(DocumentParseError.Empty, error.Error);
        Assert.Equal("document_empty", error.Code);
        Assert.Equal(fileName, error.FileName);
        Assert.Contains(fileName, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("slides.pptx.xyz", null)]
    [InlineData("diagram.png", "image/png")]
    [InlineData("data.bin", "application/octet-stream")]
    public void UnknownType_Throws_UnsupportedType(string fileName, string? contentType)
    {
        var bytes = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3 };

        var error = Assert.Throws<DocumentParseException>(() => _parser.Parse(bytes, fileName, contentType));

        Assert.Equal(DocumentParseError.UnsupportedType, error.Error);
        Assert.Contains(fileName, error.Message, StringComparison.Ordinal);
        Assert.Contains(".docx", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LegacyWordDocument_Throws_UnsupportedType()
    {
        byte[] bytes = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, .. new byte[504]];

        var error = Assert.Throws<DocumentParseException>(() => _parser.Parse(bytes, "report.doc"));

        Assert.Equal(DocumentParseError.UnsupportedType, error.Error);
        Assert.Contains("Save it as .docx", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PasswordProtectedDocx_Throws_Encrypted()
    {
        byte[] bytes = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, .. new byte[504]];

        var error = Assert.Throws<DocumentParseException>(() => _parser.Parse(bytes, "salaries.docx"));

        Assert.Equal(DocumentParseError.Encrypted, error.Error);
        Assert.Equal("document_encrypted", error.Code);
    }

    [Fact]
    public void BinaryFileNamedText_Throws_BinaryContent()
    {
        var gzip = File.ReadAllBytes(RealDocuments.RedisReadme);

        var error = Assert.Throws<DocumentParseException>(() => _parser.Parse(gzip, "notes.txt"));

        Assert.Equal(DocumentParseError.BinaryContent, error.Error);
        Assert.Contains("notes.txt", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TruncatedRealPdf_Throws_Corrupt()
    {
        var pdf = RealDocuments.Tasn1Pdf();

        var error = Assert.Throws<DocumentParseException>(() => _parser.Parse(pdf.AsMemory(0, pdf.Length / 2), "libtasn1.pdf"));

        Assert.Equal(DocumentParseError.Corrupt, error.Error);
        Assert.Equal("document_corrupt", error.Code);
        Assert.Contains("libtasn1.pdf", error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.InnerException);
    }

    [Fact]
    public void TextNamedPdf_Throws_Corrupt()
    {
        var error = Assert.Throws<DocumentParseException>(() => _parser.Parse(RealDocuments.Gpl3Text(), "license.pdf"));

        Assert.Equal(DocumentParseError.Corrupt, error.Error);
        Assert.Contains("no PDF header", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PdfWithUserPassword_Throws_Encrypted()
    {
        var source = _parser.Parse(RealDocuments.PostgresManualPage("indexes-types.html"), "indexes-types.html");
        var pdf = Encoding.Latin1.GetString(PdfFixture.Typeset(source, "header", null).Bytes);

        // The standard security handler gets a user password that is not empty, so the reader's empty-password check fails.
        var key = new string('A', 64);
        var encrypted = pdf.Replace("trailer\n<<", $"trailer\n<< /Encrypt << /Filter /Standard /V 1 /R 2 /O <{key}> /U <{key}> /P -4 >> ",
            StringComparison.Ordinal);
        var error = Assert.Throws<DocumentParseException>(() => _parser.Parse(Encoding.Latin1.GetBytes(encrypted), "secret.pdf"));

        Assert.NotEqual(pdf, encrypted);
        Assert.Equal(DocumentParseError.Encrypted, error.Error);
        Assert.Contains("password", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PdfWithoutTextLayer_Throws_NoExtractableText()
    {
        var builder = new UglyToad.PdfPig.Writer.PdfDocumentBuilder();
        var page = builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
        page.DrawRectangle(new UglyToad.PdfPig.Core.PdfPoint(50, 50), 400, 600, 2, fill: true);

        var error = Assert.Throws<DocumentParseException>(() => _parser.Parse(builder.Build(), "scan.pdf"));

        Assert.Equal(DocumentParseError.NoExtractableText, error.Error);
        Assert.Equal("document_no_text", error.Code);
        Assert.Contains("OCR", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HtmlWithOnlyNavigation_Throws_NoExtractableText()
    {
        var html = "<html><head><title>Menu</title></head><body><nav><a href='/'>Home</a></nav><script>x()</script></body></html>";

        var error = Assert.Throws<DocumentParseException>(() => _parser.Parse(Encoding.UTF8.GetBytes(html), "menu.html"));

        Assert.Equal(DocumentParseError.NoExtractableText, error.Error);
    }

    [Fact]
    public void FileOverLimit_Throws_TooLarge()
    {
        var parser = new DocumentParser(new DocumentParserOptions { MaxDocumentBytes = 4096 });

        var error = Assert.Throws<DocumentParseException>(() => parser.Parse(RealDocuments.Gpl3Text(), "GPL-3.txt"));

        Assert.Equal(DocumentParseError.TooLarge, error.Error);
        Assert.Equal("document_too_large", error.Code);
        Assert.Contains("4,096", error.Message, StringComparison.Ordinal);
        Assert.Contains("MaxDocumentBytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StreamOverLimit_WithoutLength_Throws_TooLarge()
    {
        var parser = new DocumentParser(new DocumentParserOptions { MaxDocumentBytes = 4096 });
        using var stream = new UnseekableStream(RealDocuments.Gpl3Text());

        var error = await Assert.ThrowsAsync<DocumentParseException>(
            () => parser.ParseAsync(stream, "GPL-3.txt", "text/plain").WaitAsync(StepTimeout));

        Assert.Equal(DocumentParseError.TooLarge, error.Error);
        Assert.True(stream.BytesRead <= 4096 + 81920, $"The parser read {stream.BytesRead} bytes before stopping.");
    }

    [Fact]
    public async Task StreamWithinLimit_Parses()
    {
        using var stream = new UnseekableStream(RealDocuments.Gpl3Text());

        var document = await _parser.ParseAsync(stream, "GPL-3.txt", "text/plain").WaitAsync(StepTimeout);

        Assert.Equal(_parser.Parse(RealDocuments.Gpl3Text(), "GPL-3.txt").Text, document.Text);
    }

    [Fact]
    public void CancelledToken_Parse_ThrowsOperationCanceled()
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(
            () => _parser.Parse(RealDocuments.Tasn1Pdf(), "libtasn1.pdf", cancellationToken: cancellation.Token));
        Assert.ThrowsAny<OperationCanceledException>(
            () => _parser.Parse(RealDocuments.PostgresManualPage("indexes-types.html"), "page.html", cancellationToken: cancellation.Token));
    }

    private sealed class UnseekableStream(byte[] content) : MemoryStream(content)
    {
        public long BytesRead { get; private set; }

        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();

        public override int Read(Span<byte> buffer)
        {
            var read = base.Read(buffer);
            BytesRead += read;
            return read;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = base.Read(buffer.Span);
            BytesRead += read;
            return ValueTask.FromResult(read);
        }
    }
}
