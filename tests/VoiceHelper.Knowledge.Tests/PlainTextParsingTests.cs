using System.Text;
using VoiceHelper.Knowledge.Chunking;
using VoiceHelper.Knowledge.Parsing;

namespace VoiceHelper.Knowledge.Tests;

[Trait("Category", "Unit")]
public sealed class PlainTextParsingTests
{
    private readonly DocumentParser _parser = new();

    [Fact]
    public void Gpl3_Paragraphs_SplitAtBlankLines()
    {
        var document = _parser.Parse(RealDocuments.Gpl3Text(), "GPL-3.txt");

        Assert.Equal(DocumentFileType.PlainText, document.FileType);
        Assert.Equal("GPL-3", document.Title);
        Assert.Equal("GNU GENERAL PUBLIC LICENSE\nVersion 3, 29 June 2007", document.Blocks[0].Text);
        Assert.Contains(document.Blocks, block => block.Text == "Preamble");
        Assert.All(document.Blocks, block => Assert.DoesNotContain("\n\n", block.Text, StringComparison.Ordinal));
    }

    [Fact]
    public void Gpl3_Chunks_KeepInvariants()
    {
        var document = _parser.Parse(RealDocuments.Gpl3Text(), "GPL-3.txt");
        var options = new ChunkingOptions();

        var chunks = new DocumentChunker(options).Chunk("gpl-3", document);

        ChunkAssertions.AssertInvariants(document, chunks, options);
        Assert.All(chunks, chunk => Assert.Empty(chunk.HeadingPath));
        Assert.Contains(chunks.Zip(chunks.Skip(1)), pair => pair.Second.Start < pair.First.End);
    }

    [Theory]
    [InlineData("utf-8-bom")]
    [InlineData("utf-16le-bom")]
    [InlineData("utf-16be-bom")]
    [InlineData("utf-16le")]
    [InlineData("utf-32le-bom")]
    public void Gpl3_OtherEncodings_DecodeToSameText(string encodingName)
    {
        var utf8 = _parser.Parse(RealDocuments.Gpl3Text(), "GPL-3.txt");
        var text = Encoding.UTF8.GetString(RealDocuments.Gpl3Text());
        var bytes = Encode(text, encodingName);

        var document = _parser.Parse(bytes, "GPL-3.txt");

        Assert.Equal(utf8.Text, document.Text);
    }

    [Fact]
    public void Windows1252Text_IsDecoded()
    {
        var bytes = Encoding.Latin1.GetBytes("Caf\u00e9 au lait co\u00fbte 2 \u00a3.\r\n\r\nNa\u00efve r\u00e9sum\u00e9.");

        var document = _parser.Parse(bytes, "menu.txt");

        Assert.Equal("Café au lait coûte 2 £.\n\nNaïve résumé.", document.Text);
    }

    [Fact]
    public void ChineseText_IsDecodedAndSplitIntoSentences()
    {
        var text = "PostgreSQL 是一个开源的关系数据库。它支持事务！你用过吗？";

        var document = _parser.Parse(Encoding.UTF8.GetBytes(text), "notes.txt");
        var options = new ChunkingOptions { MaxChunkCharacters = 100, OverlapCharacters = 0, MinSectionCharacters = 0 };
        var chunks = new DocumentChunker(options).Chunk("zh", document);

        Assert.Equal(text, document.Text);
        Assert.Equal(text, Assert.Single(chunks).Text);
    }

    private static byte[] Encode(string text, string encodingName) => encodingName switch
    {
        "utf-8-bom" => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)],
        "utf-16le-bom" => [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)],
        "utf-16be-bom" => [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes(text)],
        "utf-16le" => Encoding.Unicode.GetBytes(text),
        "utf-32le-bom" => [.. Encoding.UTF32.GetPreamble(), .. Encoding.UTF32.GetBytes(text)],
        _ => throw new ArgumentOutOfRangeException(nameof(encodingName), encodingName, "Unknown test encoding."),
    };
}
