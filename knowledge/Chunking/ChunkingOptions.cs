using System.ComponentModel.DataAnnotations;

namespace VoiceHelper.Knowledge.Chunking;

/// <summary>
/// Sizes of the chunks that documents are split into for embedding and search, read from the
/// <c>Knowledge:Chunking</c> configuration section. Sizes are in characters of <see cref="Parsing.ParsedDocument.Text"/>.
/// </summary>
/// <remarks>
/// NOTE: 1000 characters of English prose is an estimated 200 to 250 word-piece tokens, inside the 256-token
/// window of all-MiniLM-L6-v2. Code and SQL use more tokens per character, and Chinese or Japanese about one
/// token per character, so knowledge bases of such text need a smaller <see cref="MaxChunkCharacters"/>.
/// </remarks>
public sealed class ChunkingOptions : IValidatableObject
{
    /// <summary>The configuration section that binds these options.</summary>
    public const string SectionName = "Knowledge:Chunking";

    /// <summary>
    /// The largest chunk, in characters; no chunk is longer. A sentence or code line that alone is longer is
    /// split at spaces. Default 1000; allowed 100 to 100000.
    /// </summary>
    [Range(100, 100_000, ErrorMessage = "Knowledge:Chunking:MaxChunkCharacters must be between 100 and 100000.")]
    public int MaxChunkCharacters { get; set; } = 1000;

    /// <summary>
    /// How many characters of whole sentences at the end of a chunk are repeated at the start of the next chunk of
    /// the same section, so that a passage cut at a chunk boundary is still found. No overlap is made when the last
    /// sentence alone is longer. Default 150; allowed 0 to half of <see cref="MaxChunkCharacters"/>.
    /// </summary>
    [Range(0, 50_000, ErrorMessage = "Knowledge:Chunking:OverlapCharacters must be between 0 and 50000.")]
    public int OverlapCharacters { get; set; } = 150;

    /// <summary>
    /// A section shorter than this, in characters, shares chunks with the sections nested under it that follow,
    /// so that a heading with a one-line introduction does not become a chunk of its own. Default 200; allowed 0
    /// (never merge) to <see cref="MaxChunkCharacters"/>.
    /// </summary>
    [Range(0, 100_000, ErrorMessage = "Knowledge:Chunking:MinSectionCharacters must be between 0 and 100000.")]
    public int MinSectionCharacters { get; set; } = 200;

    /// <inheritdoc/>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (OverlapCharacters > MaxChunkCharacters / 2)
        {
            yield return new ValidationResult(
                $"Knowledge:Chunking:OverlapCharacters ({OverlapCharacters}) must be at most half of " +
                $"MaxChunkCharacters ({MaxChunkCharacters}).",
                [nameof(OverlapCharacters)]);
        }

        if (MinSectionCharacters > MaxChunkCharacters)
        {
            yield return new ValidationResult(
                $"Knowledge:Chunking:MinSectionCharacters ({MinSectionCharacters}) must be at most " +
                $"MaxChunkCharacters ({MaxChunkCharacters}).",
                [nameof(MinSectionCharacters)]);
        }
    }
}
