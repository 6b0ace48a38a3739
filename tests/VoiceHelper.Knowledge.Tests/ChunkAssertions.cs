using VoiceHelper.Knowledge.Chunking;
using VoiceHelper.Knowledge.Parsing;

namespace VoiceHelper.Knowledge.Tests;

/// <summary>Checks the properties that every chunking of every document must have.</summary>
internal static class ChunkAssertions
{
    public static void AssertInvariants(ParsedDocument document, IReadOnlyList<DocumentChunk> chunks, ChunkingOptions options)
    {
        Assert.NotEmpty(chunks);
        var firstHeading = document.Blocks.FirstOrDefault(block => block.Kind == DocumentBlockKind.Heading)?.Start;
        for (var i = 0; i < chunks.Count; i++)
        {
            var chunk = chunks[i];
            Assert.Equal(i, chunk.Index);
            Assert.Equal(document.Title, chunk.Title);
            Assert.Equal(document.Text[chunk.Start..chunk.End], chunk.Text);
            Assert.True(chunk.Text.Length <= options.MaxChunkCharacters,
                $"Chunk {i} has {chunk.Text.Length} characters, over {options.MaxChunkCharacters}.");
            Assert.Equal(chunk.Text.Trim(), chunk.Text);
            if (firstHeading is { } headingStart && chunk.Start >= headingStart)
            {
                Assert.True(chunk.HeadingPath.Count > 0, $"Chunk {i} after the first heading has no heading path: {chunk.Text}");
            }

            AssertPathIsShared(document, chunk);
        }

        AssertTextCovered(document, chunks);
    }

    // The chunk's heading path must be a prefix of the path of every block it overlaps.
    private static void AssertPathIsShared(ParsedDocument document, DocumentChunk chunk)
    {
        foreach (var block in document.Blocks.Where(block => block.Start < chunk.End && block.End > chunk.Start))
        {
            Assert.True(chunk.HeadingPath.Count <= block.HeadingPath.Count,
                $"Chunk {chunk.Index} path '{chunk.HeadingPathText}' is deeper than block '{string.Join(" > ", block.HeadingPath)}'.");
            Assert.Equal(chunk.HeadingPath, block.HeadingPath.Take(chunk.HeadingPath.Count));
        }
    }

    private static void AssertTextCovered(ParsedDocument document, IReadOnlyList<DocumentChunk> chunks)
    {
        var covered = new bool[document.Text.Length];
        foreach (var chunk in chunks)
        {
            Array.Fill(covered, true, chunk.Start, chunk.End - chunk.Start);
        }

        var lost = Enumerable.Range(0, covered.Length).FirstOrDefault(i => !covered[i] && !char.IsWhiteSpace(document.Text[i]), -1);
        Assert.True(lost < 0, $"The text at offset {lost} is in no chunk.");
    }
}
