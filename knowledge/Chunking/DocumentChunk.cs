namespace VoiceHelper.Knowledge.Chunking;

/// <summary>
/// A passage of a document to embed, index and cite, with where it came from.
/// </summary>
/// <param name="DocumentId">The document's id, as the caller passed it to the chunker.</param>
/// <param name="Index">The 0-based position of the chunk in the document.</param>
/// <param name="Title">The document's title.</param>
/// <param name="HeadingPath">
/// The headings that contain all of the chunk's text, outermost first; empty for text before the first heading.
/// </param>
/// <param name="Page">The 1-based page on which the chunk starts, for PDFs; otherwise <see langword="null"/>.</param>
/// <param name="Start">The offset of the chunk's first character in the parsed document's text.</param>
/// <param name="End">The offset just past the chunk's last character in the parsed document's text.</param>
/// <param name="Text">The chunk's text, equal to the document text from <paramref name="Start"/> to <paramref name="End"/>.</param>
public sealed record DocumentChunk(
    string DocumentId,
    int Index,
    string Title,
    IReadOnlyList<string> HeadingPath,
    int? Page,
    int Start,
    int End,
    string Text)
{
    /// <summary>The heading path joined with <c>" > "</c>, such as <c>11. Indexes > 11.2. Index Types</c>.</summary>
    public string HeadingPathText => string.Join(" > ", HeadingPath);
}
