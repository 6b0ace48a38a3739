using VoiceHelper.Knowledge.Parsing.Internal;

namespace VoiceHelper.Knowledge.Parsing;

/// <summary>
/// Picks the parser for an upload from its first bytes, file name extension and content type, and enforces
/// the size limit. Thread-safe; create one per process.
/// </summary>
public sealed class DocumentParser : IDocumentParser
{
    private const int ReadBufferBytes = 81920;

    private readonly DocumentParserOptions _options;
    private readonly Dictionary<DocumentFileType, IFormatParser> _parsers;

    /// <summary>Creates a parser with the default limits.</summary>
    public DocumentParser()
        : this(new DocumentParserOptions())
    {
    }

    /// <summary>Creates a parser with <paramref name="options"/>, which are validated here.</summary>
    /// <exception cref="ArgumentException">A limit is out of its allowed range.</exception>
    public DocumentParser(DocumentParserOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        OptionsValidation.ThrowIfInvalid(options, DocumentParserOptions.SectionName);
        _options = options;
        IFormatParser[] parsers =
        [
            new PlainTextDocumentParser(),
            new MarkdownDocumentParser(options),
            new HtmlDocumentParser(options),
            new PdfDocumentParser(options),
            new DocxDocumentParser(options),
        ];
        _parsers = parsers.ToDictionary(parser => parser.FileType);
    }

    /// <inheritdoc/>
    public async Task<ParsedDocument> ParseAsync(
        Stream content,
        string fileName,
        string? contentType,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(fileName);
        if (content.CanSeek && content.Length - content.Position > _options.MaxDocumentBytes)
        {
            throw TooLarge(fileName, content.Length - content.Position);
        }

        var bytes = await ReadToLimitAsync(content, fileName, cancellationToken).ConfigureAwait(false);
        return Parse(bytes, fileName, contentType, cancellationToken);
    }

    /// <inheritdoc/>
    public ParsedDocument Parse(
        ReadOnlyMemory<byte> content,
        string fileName,
        string? contentType = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        if (content.IsEmpty)
        {
            throw ParseErrors.Empty(fileName);
        }

        if (content.Length > _options.MaxDocumentBytes)
        {
            throw TooLarge(fileName, content.Length);
        }

        var fileType = FileTypeDetector.Detect(content.Span, fileName, contentType);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_options.ParseTimeout);
        try
        {
            return _parsers[fileType].Parse(content, fileName, deadline.Token);
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw TimedOut(fileName, exception);
        }
    }

    private async Task<ReadOnlyMemory<byte>> ReadToLimitAsync(Stream content, string fileName, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[ReadBufferBytes];
        int read;
        while ((read = await content.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > _options.MaxDocumentBytes)
            {
                throw TooLarge(fileName, actualBytes: null);
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }

    private DocumentParseException TimedOut(string fileName, OperationCanceledException exception) =>
        new(DocumentParseError.TooComplex, fileName,
            $"Parsing the file '{fileName}' timed out after {_options.ParseTimeout} " +
            $"({DocumentParserOptions.SectionName}:{nameof(DocumentParserOptions.ParseTimeout)}). Split it into smaller " +
            "files or ask the operator to raise the limit.",
            exception);

    private DocumentParseException TooLarge(string fileName, long? actualBytes)
    {
        var size = actualBytes is { } bytes ? $"is {bytes:N0} bytes, over" : "exceeds";
        return new DocumentParseException(DocumentParseError.TooLarge, fileName,
            $"The file '{fileName}' {size} the limit of {_options.MaxDocumentBytes:N0} bytes " +
            $"({DocumentParserOptions.SectionName}:{nameof(DocumentParserOptions.MaxDocumentBytes)}). " +
            "Split it into smaller files or ask the operator to raise the limit.");
    }
}
