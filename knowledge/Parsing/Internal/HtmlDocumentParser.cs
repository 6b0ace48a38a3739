namespace VoiceHelper.Knowledge.Parsing.Internal;

/// <summary>
/// Reads HTML with AngleSharp, which decodes the bytes as browsers do (byte order mark, then the
/// <c>meta charset</c> declaration). The title comes from the <c>title</c> element.
/// </summary>
internal sealed class HtmlDocumentParser(DocumentParserOptions options) : IFormatParser
{
    private readonly DepthLimitedHtmlParser _htmlParser = new(options);

    public DocumentFileType FileType => DocumentFileType.Html;

    public ParsedDocument Parse(ReadOnlyMemory<byte> content, string fileName, CancellationToken cancellationToken)
    {
        if (TextDecoder.HasZeroBytes(content.Span) && !HasUtf16ByteOrderMark(content.Span))
        {
            throw ParseErrors.NotText(fileName);
        }

        using var stream = ByteStreams.Open(content);
        using var document = _htmlParser.Parse(stream, fileName);
        var builder = new ParsedDocumentBuilder(fileName, FileType);
        new HtmlBlockWalker(builder, cancellationToken).Walk(document.Body ?? (AngleSharp.Dom.INode)document);
        return builder.Build(document.Title);
    }

    private static bool HasUtf16ByteOrderMark(ReadOnlySpan<byte> content) =>
        content is [0xFF, 0xFE, ..] or [0xFE, 0xFF, ..];
}
