namespace VoiceHelper.Knowledge.Parsing;

/// <summary>
/// The text of an uploaded document with its structure: the blocks in reading order, joined by blank lines
/// into <see cref="Text"/>, so that every block's offsets index into it.
/// </summary>
/// <param name="Title">
/// The document's title: from its metadata or title element where present, otherwise its first top-level heading,
/// otherwise the file name without its extension.
/// </param>
/// <param name="FileType">The format that the parser read.</param>
/// <param name="Text">The plain text of all blocks, separated by <c>"\n\n"</c>.</param>
/// <param name="Blocks">The blocks in reading order; never empty.</param>
/// <param name="PageCount">The number of pages for a PDF; <see langword="null"/> for other formats.</param>
public sealed record ParsedDocument(
    string Title,
    DocumentFileType FileType,
    string Text,
    IReadOnlyList<DocumentBlock> Blocks,
    int? PageCount);
