namespace VoiceHelper.Knowledge.Parsing;

/// <summary>
/// Turns an uploaded file (plain text, Markdown, HTML, PDF or DOCX) into text with its headings, pages and
/// block offsets. Implementations are thread-safe.
/// </summary>
public interface IDocumentParser
{
    /// <summary>
    /// Reads <paramref name="content"/> to its end, up to the configured size limit, and parses it.
    /// </summary>
    /// <param name="content">The file's bytes; the stream is read but not disposed.</param>
    /// <param name="fileName">The uploaded file name; its extension selects the format, and messages quote it.</param>
    /// <param name="contentType">The media type sent with the upload, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops reading and parsing.</param>
    /// <exception cref="DocumentParseException">The file is empty, too large, of an unsupported type, damaged or has no text.</exception>
    Task<ParsedDocument> ParseAsync(
        Stream content,
        string fileName,
        string? contentType,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Parses a file that is already in memory. Parsing runs on the calling thread and is CPU-bound.
    /// </summary>
    /// <param name="content">The file's bytes.</param>
    /// <param name="fileName">The uploaded file name; its extension selects the format, and messages quote it.</param>
    /// <param name="contentType">The media type sent with the upload, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops parsing between pages and blocks.</param>
    /// <exception cref="DocumentParseException">The file is empty, too large, of an unsupported type, damaged or has no text.</exception>
    ParsedDocument Parse(
        ReadOnlyMemory<byte> content,
        string fileName,
        string? contentType = null,
        CancellationToken cancellationToken = default);
}
