using AngleSharp.Html.Parser;

namespace VoiceHelper.Knowledge.Parsing.Internal;

/// <summary>
/// Reads HTML with AngleSharp, which decodes the bytes as browsers do (byte order mark, then the
/// <c>meta charset</c> declaration). The title comes from the <c>title</c> element.
/// </summary>
internal sealed class HtmlDocumentParser : IFormatParser
{
    public DocumentFileType FileType => DocumentFileType.Html;

    public ParsedDocument Parse(ReadOnlyMemory<byte> content, string fileName, CancellationToken cancellationToken)
    {
        if (TextDecoder.HasZeroBytes(content.Span) && !HasUtf16ByteOrderMark(content.Span))
        {
            throw ParseErrors.NotText(fileName);
        }

        var parser = new HtmlParser();
        using var stream = ByteStreams.Open(content);
        using var document = parser.ParseDocument(stream);
        var builder = new ParsedDocumentBuilder(fileName, FileType);
        new HtmlBlockWalker(builder, cancellationToken).Walk(document.Body ?? (AngleSharp.Dom.INode)document);
        return builder.Build(document.Title);
    }

    private static bool HasUtf16ByteOrderMark(ReadOnlySpan<byte> content) =>
        content is [0xFF, 0xFE, ..] or [0xFE, 0xFF, ..];
}
