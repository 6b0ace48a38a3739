namespace VoiceHelper.Knowledge.Parsing.Internal;

/// <summary>A block of text lines that the layout analysis found on one PDF page, with what the heading rules need.</summary>
/// <param name="Page">The 1-based page number.</param>
/// <param name="Lines">The lines in reading order.</param>
/// <param name="FontSize">The median rendered size of the block's letters, in points.</param>
/// <param name="IsMonospace">Whether most letters use a fixed-width font, as code does.</param>
/// <param name="Top">The top edge in PDF user space (origin at the bottom left), in points.</param>
/// <param name="Bottom">The bottom edge in PDF user space, in points.</param>
/// <param name="PageHeight">The page's height in points.</param>
internal sealed record PdfTextBlock(
    int Page,
    IReadOnlyList<string> Lines,
    double FontSize,
    bool IsMonospace,
    double Top,
    double Bottom,
    double PageHeight)
{
    /// <summary>The number of characters in all lines.</summary>
    public int Length => Lines.Sum(line => line.Length);
}
