using System.Text.RegularExpressions;

namespace VoiceHelper.Knowledge.Parsing.Internal;

/// <summary>
/// Reads plain text: paragraphs are separated by blank lines and keep their line breaks. Plain text has no
/// headings, so the title is the file name.
/// </summary>
internal sealed partial class PlainTextDocumentParser : IFormatParser
{
    public DocumentFileType FileType => DocumentFileType.PlainText;

    public ParsedDocument Parse(ReadOnlyMemory<byte> content, string fileName, CancellationToken cancellationToken)
    {
        var text = TextDecoder.Decode(content.Span, fileName);
        var builder = new ParsedDocumentBuilder(fileName, FileType);
        foreach (var paragraph in BlankLines().Split(text))
        {
            cancellationToken.ThrowIfCancellationRequested();
            builder.AddBlock(DocumentBlockKind.Paragraph, paragraph);
        }

        return builder.Build(title: null);
    }

    // A blank line may hold spaces, tabs or a form feed.
    [GeneratedRegex(@"\n[ \t\f\v]*\n\s*")]
    private static partial Regex BlankLines();
}
