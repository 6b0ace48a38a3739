using System.Text;
using VoiceHelper.Knowledge.Parsing;

namespace VoiceHelper.Knowledge.Tests;

[Trait("Category", "Unit")]
public sealed class TextEncodingTests
{
    private static readonly byte[] Utf16LittleEndianMark = [0xFF, 0xFE];
    private static readonly byte[] Utf16BigEndianMark = [0xFE, 0xFF];
    private static readonly byte[] Utf8Mark = [0xEF, 0xBB, 0xBF];

    private readonly DocumentParser _parser = new();

    [Fact]
    public void InvalidUtf16_Throws_NamingEncoding()
    {
        // A high surrogate followed by a letter instead of a low surrogate is invalid UTF-16.
        var text = string.Concat(Enumerable.Repeat("Paragraph text \uD800x ", 200));
        byte[] bytes = [.. Utf16LittleEndianMark, .. Encoding.Unicode.GetBytes(text)];

        var error = Assert.Throws<DocumentParseException>(() => _parser.Parse(bytes, "notes.txt"));

        Assert.Equal(DocumentParseError.BinaryContent, error.Error);
        Assert.Equal("document_not_text", error.Code);
        Assert.Contains("not valid UTF-16 text", error.Message, StringComparison.Ordinal);
        Assert.Contains("200 of its", error.Message, StringComparison.Ordinal);
        Assert.Contains("Save it again as UTF-8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidUtf8AfterMark_Throws_NamingEncoding()
    {
        var latin1 = Encoding.Latin1.GetBytes(string.Concat(Enumerable.Repeat("Caf\u00e9 cr\u00e8me. ", 100)));
        byte[] bytes = [.. Utf8Mark, .. latin1];

        var error = Assert.Throws<DocumentParseException>(() => _parser.Parse(bytes, "menu.txt"));

        Assert.Equal(DocumentParseError.BinaryContent, error.Error);
        Assert.Contains("not valid UTF-8 text", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FewLoneSurrogates_Parse_AsReplacements()
    {
        var text = string.Concat(Enumerable.Repeat("A long enough paragraph of ordinary text. ", 100)) + "\uDC00 end";
        byte[] bytes = [.. Utf16BigEndianMark, .. Encoding.BigEndianUnicode.GetBytes(text)];

        var document = _parser.Parse(bytes, "notes.txt");

        Assert.StartsWith("A long enough paragraph", document.Text, StringComparison.Ordinal);
        Assert.EndsWith("\uFFFD end", document.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void OddUtf16ByteCount_Parses()
    {
        var text = string.Concat(Enumerable.Repeat("Ordinary text in UTF-16. ", 100));
        byte[] bytes = [.. Utf16LittleEndianMark, .. Encoding.Unicode.GetBytes(text), 0x41];

        var document = _parser.Parse(bytes, "odd.txt");

        Assert.StartsWith("Ordinary text in UTF-16.", document.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void BinaryAfterUtf16Mark_Throws_NotText()
    {
        var random = new Random(7);
        var noise = new byte[10_000];
        random.NextBytes(noise);
        byte[] bytes = [.. Utf16LittleEndianMark, .. noise];

        var error = Assert.Throws<DocumentParseException>(() => _parser.Parse(bytes, "noise.txt"));

        Assert.Equal(DocumentParseError.BinaryContent, error.Error);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xFE })]
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF })]
    [InlineData(new byte[] { 0xFF, 0xFE, 0x00, 0x00 })]
    public void ByteOrderMarkOnly_Throws_NoExtractableText(byte[] bytes)
    {
        var error = Assert.Throws<DocumentParseException>(() => _parser.Parse(bytes, "empty.txt"));

        Assert.Equal(DocumentParseError.NoExtractableText, error.Error);
    }

    [Fact]
    public void InvalidUtf8WithoutMark_Parses_AsWindows1252()
    {
        var bytes = Encoding.Latin1.GetBytes("Na\u00efve caf\u00e9 \u00e0 la cr\u00e8me.");

        var document = _parser.Parse(bytes, "menu.txt");

        Assert.Equal("Na\u00efve caf\u00e9 \u00e0 la cr\u00e8me.", document.Text);
    }

    [Fact]
    public void InvalidUtf16Markdown_Throws_NamingEncoding()
    {
        var text = "# Title\n\n" + string.Concat(Enumerable.Repeat("Body \uD800x\n", 50));
        byte[] bytes = [.. Utf16LittleEndianMark, .. Encoding.Unicode.GetBytes(text)];

        var error = Assert.Throws<DocumentParseException>(() => _parser.Parse(bytes, "notes.md"));

        Assert.Contains("not valid UTF-16 text", error.Message, StringComparison.Ordinal);
    }
}
