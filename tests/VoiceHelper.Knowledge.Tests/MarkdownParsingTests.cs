using System.Text;
using VoiceHelper.Knowledge.Chunking;
using VoiceHelper.Knowledge.Parsing;

namespace VoiceHelper.Knowledge.Tests;

[Trait("Category", "Unit")]
public sealed class MarkdownParsingTests
{
    private readonly DocumentParser _parser = new();
    private readonly DocumentChunker _chunker = new();

    [Fact]
    public void RedisReadme_SetextHeadings_OpenSections()
    {
        var document = ParseRedisReadme();

        var building = Assert.Single(document.Blocks, block => block.Kind == DocumentBlockKind.Heading && block.Text == "Building Redis");

        Assert.Equal(DocumentFileType.Markdown, document.FileType);
        Assert.Equal(["Building Redis"], building.HeadingPath);
    }

    [Fact]
    public void RedisReadme_TextBeforeFirstHeading_HasNoHeadingPath()
    {
        var document = ParseRedisReadme();

        var first = document.Blocks[0];

        Assert.StartsWith("This README is just a fast quick start document.", first.Text, StringComparison.Ordinal);
        Assert.Empty(first.HeadingPath);
    }

    [Fact]
    public void RedisReadme_IndentedCode_IsCodeBlock()
    {
        var document = ParseRedisReadme();

        var make = Assert.Single(document.Blocks, block => block.Text == "% make BUILD_TLS=yes");

        Assert.Equal(DocumentBlockKind.Code, make.Kind);
    }

    [Fact]
    public void RedisReadme_LinksAndEmphasis_BecomePlainText()
    {
        var document = ParseRedisReadme();

        Assert.Contains("You can find more detailed documentation at redis.io.", document.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("](https://redis.io)", document.Text, StringComparison.Ordinal);
        Assert.Contains("- Redis cares to store them on disk", document.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void RedisReadme_Chunks_KeepInvariants()
    {
        var document = ParseRedisReadme();

        var chunks = _chunker.Chunk("redis-readme", document);

        ChunkAssertions.AssertInvariants(document, chunks, new ChunkingOptions());
        Assert.Contains(chunks, chunk => chunk.HeadingPathText == "Building Redis");
    }

    [Fact]
    public void PostgresCommonReadme_AtxUnderSetext_NestsHeadings()
    {
        var bytes = RealDocuments.Gunzip(RealDocuments.PostgresCommonReadme, "postgresql-common");

        var document = _parser.Parse(bytes, "README.md");

        var nested = document.Blocks.First(block => block.Kind == DocumentBlockKind.Heading && block.Text == "Configuration hierarchy");
        Assert.Equal(3, nested.HeadingPath.Count);
        Assert.Equal("Configuration hierarchy", nested.HeadingPath[^1]);
        Assert.Equal(document.Title, nested.HeadingPath[0]);
    }

    [Fact]
    public void FrontMatterTitle_WinsOverHeading()
    {
        var markdown = "---\ntitle: \"Operator guide\"\n---\n# Install\n\nRun the installer.\n";

        var document = _parser.Parse(Encoding.UTF8.GetBytes(markdown), "guide.md");

        Assert.Equal("Operator guide", document.Title);
        Assert.DoesNotContain("title:", document.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void PipeTable_BecomesTableBlock()
    {
        var markdown = "# Limits\n\n| Setting | Default |\n| --- | --- |\n| MaxChunkCharacters | 1000 |\n";

        var document = _parser.Parse(Encoding.UTF8.GetBytes(markdown), "limits.md");

        var table = Assert.Single(document.Blocks, block => block.Kind == DocumentBlockKind.Table);
        Assert.Equal("Setting | Default\nMaxChunkCharacters | 1000", table.Text);
    }

    private ParsedDocument ParseRedisReadme() =>
        _parser.Parse(RealDocuments.Gunzip(RealDocuments.RedisReadme, "redis-server"), "README.md", "text/markdown");
}
