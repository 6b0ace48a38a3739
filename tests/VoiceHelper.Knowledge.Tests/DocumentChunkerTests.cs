using System.Text;
using VoiceHelper.Knowledge.Chunking;
using VoiceHelper.Knowledge.Parsing;

namespace VoiceHelper.Knowledge.Tests;

[Trait("Category", "Unit")]
public sealed class DocumentChunkerTests
{
    private readonly DocumentParser _parser = new();

    [Fact]
    public void Chunk_DocumentId_IsCopiedToEveryChunk()
    {
        var document = ParseManualPage("indexes-types.html");

        var chunks = new DocumentChunker().Chunk("kb-7/doc-42", document);

        Assert.All(chunks, chunk => Assert.Equal("kb-7/doc-42", chunk.DocumentId));
    }

    [Fact]
    public void Chunk_SubsectionsOfNormalSize_AreNeverMixed()
    {
        var document = ParseManualPage("indexes-types.html");

        var chunks = new DocumentChunker().Chunk("doc", document);

        foreach (var chunk in chunks)
        {
            var startsWithPageHeading = chunk.Text.StartsWith("11.2. Index", StringComparison.Ordinal);
            Assert.True(CountMatches(chunk.Text, "11.2.") <= 1 || startsWithPageHeading, $"Chunk {chunk.Index} mixes sections: {chunk.Text}");
        }
    }

    [Fact]
    public void Chunk_SmallChunkSize_KeepsInvariantsOnLongPage()
    {
        var options = new ChunkingOptions { MaxChunkCharacters = 300, OverlapCharacters = 80, MinSectionCharacters = 100 };
        var document = ParseManualPage("sql-createtable.html");

        var chunks = new DocumentChunker(options).Chunk("doc", document);

        ChunkAssertions.AssertInvariants(document, chunks, options);
    }

    [Fact]
    public void Chunk_Overlap_RepeatsWholeSentencesWithinLimit()
    {
        var options = new ChunkingOptions();
        var document = ParseManualPage("sql-createtable.html");

        var chunks = new DocumentChunker(options).Chunk("doc", document);

        var overlaps = chunks.Zip(chunks.Skip(1)).Where(pair => pair.Second.Start < pair.First.End).ToList();
        Assert.True(overlaps.Count >= 5, $"Only {overlaps.Count} overlapping pairs in {chunks.Count} chunks.");
        foreach (var (previous, next) in overlaps)
        {
            var overlap = document.Text[next.Start..previous.End];
            Assert.True(overlap.Length <= options.OverlapCharacters,
                $"The overlap '{overlap}' is longer than {options.OverlapCharacters}.");
            Assert.EndsWith(overlap, previous.Text, StringComparison.Ordinal);
            var shorter = Math.Min(previous.HeadingPath.Count, next.HeadingPath.Count);
            Assert.Equal(previous.HeadingPath.Take(shorter), next.HeadingPath.Take(shorter));
        }
    }

    [Fact]
    public void Chunk_ZeroOverlap_ChunksDoNotOverlap()
    {
        var options = new ChunkingOptions { OverlapCharacters = 0 };
        var document = ParseManualPage("sql-createtable.html");

        var chunks = new DocumentChunker(options).Chunk("doc", document);

        Assert.All(chunks.Zip(chunks.Skip(1)), pair => Assert.True(pair.Second.Start >= pair.First.End));
    }

    [Fact]
    public void Chunk_CodeLongerThanChunk_SplitsBetweenLines()
    {
        var options = new ChunkingOptions { MaxChunkCharacters = 400, OverlapCharacters = 0 };
        var document = ParseManualPage("sql-createtable.html");
        var synopsis = document.Blocks.First(block => block.Kind == DocumentBlockKind.Code && block.Text.Length > 2000);

        var chunks = new DocumentChunker(options).Chunk("doc", document)
            .Where(chunk => chunk.Start > synopsis.Start && chunk.Start < synopsis.End)
            .ToList();

        Assert.NotEmpty(chunks);
        foreach (var chunk in chunks)
        {
            var lineStart = document.Text.LastIndexOf('\n', chunk.Start - 1) + 1;
            Assert.True(string.IsNullOrWhiteSpace(document.Text[lineStart..chunk.Start]),
                $"Chunk {chunk.Index} starts inside a line: {chunk.Text}");
        }
    }

    [Fact]
    public void Chunk_SentenceLongerThanChunk_SplitsAtSpaces()
    {
        var sentence = string.Join(' ', Enumerable.Repeat("index", 100)) + ".";
        var document = ParseMarkdown($"# Long\n\n{sentence}\n");
        var options = new ChunkingOptions { MaxChunkCharacters = 150, OverlapCharacters = 0, MinSectionCharacters = 0 };

        var chunks = new DocumentChunker(options).Chunk("doc", document);

        ChunkAssertions.AssertInvariants(document, chunks, options);
        Assert.All(chunks, chunk => Assert.Matches(@"^(Long|index)", chunk.Text));
    }

    [Fact]
    public void Chunk_ShortParentSection_SharesChunkWithChild()
    {
        var document = ParseMarkdown("# Indexes\n\nIndexes help.\n\n## B-Tree\n\nB-trees handle ranges. They are the default.\n");

        var chunk = Assert.Single(new DocumentChunker().Chunk("doc", document));

        Assert.Equal(["Indexes"], chunk.HeadingPath);
        Assert.Equal("Indexes\n\nIndexes help.\n\nB-Tree\n\nB-trees handle ranges. They are the default.", chunk.Text);
    }

    [Fact]
    public void Chunk_ShortSiblingSections_ShareOneChunkUnderParent()
    {
        var body = string.Join(' ', Enumerable.Repeat("The command rebuilds the index from scratch.", 10));
        var document = ParseMarkdown(
            $"# REINDEX\n\n## Description\n\n{body}\n\n## Compatibility\n\nNot in the SQL standard.\n\n## See Also\n\nCREATE INDEX\n");

        var chunks = new DocumentChunker().Chunk("doc", document);

        var last = chunks[^1];
        Assert.Equal("Compatibility\n\nNot in the SQL standard.\n\nSee Also\n\nCREATE INDEX", last.Text);
        Assert.Equal(["REINDEX"], last.HeadingPath);
    }

    [Fact]
    public void Chunk_SectionsOfNormalSize_AreNotMerged()
    {
        var body = string.Join(' ', Enumerable.Repeat("The command rebuilds the index from scratch.", 6));
        var document = ParseMarkdown($"# REINDEX\n\n## Description\n\n{body}\n\n## Notes\n\n{body}\n");

        var chunks = new DocumentChunker().Chunk("doc", document);

        Assert.Equal(2, chunks.Count);
        Assert.Equal(["REINDEX"], chunks[0].HeadingPath);
        Assert.Equal(["REINDEX", "Notes"], chunks[1].HeadingPath);
    }

    [Fact]
    public void Chunk_TextBeforeFirstHeading_HasEmptyPath()
    {
        var document = ParseMarkdown(
            "Preamble text here.\n\n# Section\n\nSection body with enough words to stand alone in its own chunk for sure.\n");
        var options = new ChunkingOptions { MinSectionCharacters = 0 };

        var chunks = new DocumentChunker(options).Chunk("doc", document);

        Assert.Empty(chunks[0].HeadingPath);
        Assert.Equal(["Section"], chunks[1].HeadingPath);
    }

    [Theory]
    [InlineData(99, 10, 0, "MaxChunkCharacters")]
    [InlineData(1000, 600, 0, "OverlapCharacters")]
    [InlineData(1000, -1, 0, "OverlapCharacters")]
    [InlineData(1000, 100, 2000, "MinSectionCharacters")]
    public void Constructor_InvalidOptions_ThrowsNamingSetting(int max, int overlap, int minSection, string setting)
    {
        var options = new ChunkingOptions { MaxChunkCharacters = max, OverlapCharacters = overlap, MinSectionCharacters = minSection };

        var error = Assert.Throws<ArgumentException>(() => new DocumentChunker(options));

        Assert.Contains("Knowledge:Chunking:" + setting, error.Message, StringComparison.Ordinal);
    }

    private ParsedDocument ParseManualPage(string page) => _parser.Parse(RealDocuments.PostgresManualPage(page), page);

    private ParsedDocument ParseMarkdown(string markdown) => _parser.Parse(Encoding.UTF8.GetBytes(markdown), "test.md");

    private static int CountMatches(string text, string value) => text.Split(value).Length - 1;
}
