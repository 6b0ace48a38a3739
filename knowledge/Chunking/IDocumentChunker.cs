using VoiceHelper.Knowledge.Parsing;

namespace VoiceHelper.Knowledge.Chunking;

/// <summary>Splits a parsed document into chunks for embedding. Implementations are thread-safe.</summary>
public interface IDocumentChunker
{
    /// <summary>
    /// Splits <paramref name="document"/> into chunks in reading order. Chunks follow headings and sentence
    /// boundaries, and consecutive chunks of one section overlap by whole sentences.
    /// </summary>
    /// <param name="documentId">The id stored in every chunk.</param>
    /// <param name="document">The output of <see cref="IDocumentParser"/>.</param>
    IReadOnlyList<DocumentChunk> Chunk(string documentId, ParsedDocument document);
}
