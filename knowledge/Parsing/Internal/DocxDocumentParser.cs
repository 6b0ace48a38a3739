using System.Xml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace VoiceHelper.Knowledge.Parsing.Internal;

/// <summary>
/// Reads Word documents with the Open XML SDK after <see cref="ZipArchiveGuard"/> has checked the archive.
/// Paragraph styles with an outline level (Heading 1 to 9) become headings. The title comes from the document
/// properties, otherwise from the first paragraph in the Title style. DOCX files have no fixed pages, so blocks
/// carry no page number.
/// </summary>
internal sealed class DocxDocumentParser(DocumentParserOptions options) : IFormatParser
{
    private readonly ZipArchiveGuard _guard = new(options);

    public DocumentFileType FileType => DocumentFileType.Docx;

    public ParsedDocument Parse(ReadOnlyMemory<byte> content, string fileName, CancellationToken cancellationToken)
    {
        _guard.Check(content, fileName);
        using var stream = ByteStreams.Open(content);
        try
        {
            return Read(stream, fileName, cancellationToken);
        }
        catch (OpenXmlPackageException exception)
        {
            throw ParseErrors.Unsupported(fileName, $"it is a ZIP archive but not a Word document ({exception.Message})");
        }
        catch (Exception exception) when (exception is FileFormatException or XmlException or InvalidDataException)
        {
            throw ParseErrors.Corrupt(fileName, "its Word package is damaged.", exception);
        }
    }

    private ParsedDocument Read(Stream stream, string fileName, CancellationToken cancellationToken)
    {
        // The guard has checked the archive's sizes; the character limit is a second line of defence for the
        // parts that the SDK parses.
        var settings = new OpenSettings { MaxCharactersInPart = options.MaxArchiveEntryBytes };
        using var document = WordprocessingDocument.Open(stream, isEditable: false, settings);
        var (mainPart, stylesPart) = FindParts(document, fileName);
        var loader = new DocxPartLoader(options, fileName, cancellationToken);
        var body = loader.Load<Document>(mainPart)?.Body
            ?? throw ParseErrors.Unsupported(fileName, "it is a ZIP archive without a Word document body.");

        var builder = new ParsedDocumentBuilder(fileName, FileType);
        var walker = new DocxBodyWalker(builder, new DocxStyles(loader.Load<Styles>(stylesPart)), cancellationToken);
        walker.Visit(body);
        var title = PropertiesTitle(document, fileName);
        return builder.Build(string.IsNullOrWhiteSpace(title) ? walker.StyledTitle : title);
    }

    // System.IO.Packaging reads the core properties part without recursion, but throws ArgumentOutOfRangeException
    // for an element outside the core properties schema.
    private static string? PropertiesTitle(WordprocessingDocument document, string fileName)
    {
        try
        {
            return document.PackageProperties.Title;
        }
        catch (ArgumentOutOfRangeException exception)
        {
            throw ParseErrors.Corrupt(fileName,
                "its document properties part (usually docProps/core.xml) contains an element outside their schema.",
                exception);
        }
    }

    // The SDK reads a part's relationships on first access and throws InvalidOperationException from
    // System.IO.Packaging when one of them names a part that the archive lacks.
    private static (MainDocumentPart? Main, StyleDefinitionsPart? Styles) FindParts(
        WordprocessingDocument document,
        string fileName)
    {
        try
        {
            var mainPart = document.MainDocumentPart;
            return (mainPart, mainPart?.StyleDefinitionsPart);
        }
        catch (InvalidOperationException exception)
        {
            throw ParseErrors.Corrupt(fileName,
                "its Word package names a part, such as the main document word/document.xml, that the archive lacks.",
                exception);
        }
    }
}
