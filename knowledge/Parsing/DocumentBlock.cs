namespace VoiceHelper.Knowledge.Parsing;

/// <summary>
/// One heading, paragraph, list item, table or code block of a <see cref="ParsedDocument"/>, in reading order.
/// </summary>
/// <param name="Kind">The role of the block.</param>
/// <param name="HeadingPath">
/// The headings that contain the block, outermost first; for a heading block the last entry is the heading itself.
/// Empty for text before the first heading.
/// </param>
/// <param name="Page">The 1-based page on which the block starts, or <see langword="null"/> where the format has no pages.</param>
/// <param name="Start">The offset of the block's first character in <see cref="ParsedDocument.Text"/>.</param>
/// <param name="End">The offset just past the block's last character in <see cref="ParsedDocument.Text"/>.</param>
/// <param name="Text">The block's text, equal to <c>Text[Start..End]</c> of the document.</param>
public sealed record DocumentBlock(
    DocumentBlockKind Kind,
    IReadOnlyList<string> HeadingPath,
    int? Page,
    int Start,
    int End,
    string Text);
