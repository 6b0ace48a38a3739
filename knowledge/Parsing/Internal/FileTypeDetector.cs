using System.Text;

namespace VoiceHelper.Knowledge.Parsing.Internal;

/// <summary>
/// Chooses the format of an upload from its first bytes, its file name extension and its content type.
/// Magic bytes win for PDF and ZIP, because browsers and clients often send the wrong type; the extension
/// wins over the content type, because clients send <c>text/plain</c> or <c>application/octet-stream</c>
/// for Markdown.
/// </summary>
internal static class FileTypeDetector
{
    // A PDF reader looks for the header in the first 1024 bytes (PDF 1.7, Adobe implementation note 13).
    private const int PdfHeaderWindow = 1024;

    private static readonly Dictionary<string, DocumentFileType> Extensions = new(StringComparer.OrdinalIgnoreCase)
    {
        [".txt"] = DocumentFileType.PlainText,
        [".text"] = DocumentFileType.PlainText,
        [".md"] = DocumentFileType.Markdown,
        [".markdown"] = DocumentFileType.Markdown,
        [".mdown"] = DocumentFileType.Markdown,
        [".mkd"] = DocumentFileType.Markdown,
        [".html"] = DocumentFileType.Html,
        [".htm"] = DocumentFileType.Html,
        [".xhtml"] = DocumentFileType.Html,
        [".pdf"] = DocumentFileType.Pdf,
        [".docx"] = DocumentFileType.Docx,
    };

    private static readonly Dictionary<string, DocumentFileType> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["text/plain"] = DocumentFileType.PlainText,
        ["text/markdown"] = DocumentFileType.Markdown,
        ["text/x-markdown"] = DocumentFileType.Markdown,
        ["text/html"] = DocumentFileType.Html,
        ["application/xhtml+xml"] = DocumentFileType.Html,
        ["application/pdf"] = DocumentFileType.Pdf,
        ["application/vnd.openxmlformats-officedocument.wordprocessingml.document"] = DocumentFileType.Docx,
    };

    private static ReadOnlySpan<byte> PdfMagic => "%PDF-"u8;

    private static ReadOnlySpan<byte> ZipMagic => [0x50, 0x4B, 0x03, 0x04];

    // Office's binary formats and password-protected OOXML files are OLE compound files.
    private static ReadOnlySpan<byte> OleMagic => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    /// <summary>Returns the format to parse <paramref name="content"/> as, or throws when none fits.</summary>
    public static DocumentFileType Detect(ReadOnlySpan<byte> content, string fileName, string? contentType)
    {
        var extension = Path.GetExtension(fileName);
        var declared = Declared(extension, contentType);
        if (content[..Math.Min(content.Length, PdfHeaderWindow)].IndexOf(PdfMagic) >= 0)
        {
            return DocumentFileType.Pdf;
        }

        if (content.StartsWith(ZipMagic))
        {
            return DocumentFileType.Docx;
        }

        if (content.StartsWith(OleMagic))
        {
            throw OleError(fileName, declared);
        }

        return declared switch
        {
            DocumentFileType.Pdf => throw ParseErrors.Corrupt(fileName, "it is named or sent as PDF but has no PDF header."),
            DocumentFileType.Docx => throw ParseErrors.Corrupt(fileName, "it is named or sent as DOCX but is not a ZIP archive."),
            { } text => text,
            null when extension.Length > 1 => throw ParseErrors.Unsupported(fileName, $"the extension '{extension}' is not recognized."),
            null => LooksLikeHtml(content) ? DocumentFileType.Html : DocumentFileType.PlainText,
        };
    }

    private static DocumentFileType? Declared(string extension, string? contentType)
    {
        if (Extensions.TryGetValue(extension, out var byExtension))
        {
            return byExtension;
        }

        var mediaType = contentType?.Split(';', 2)[0].Trim() ?? "";
        return ContentTypes.TryGetValue(mediaType, out var byContentType) ? byContentType : null;
    }

    private static DocumentParseException OleError(string fileName, DocumentFileType? declared)
    {
        if (declared == DocumentFileType.Docx)
        {
            return new DocumentParseException(DocumentParseError.Encrypted, fileName,
                $"The file '{fileName}' is a password-protected Word document. Remove the password in Word " +
                "(File > Info > Protect Document) and upload it again.");
        }

        return ParseErrors.Unsupported(fileName,
            "it is a legacy Office binary file such as a Word 97-2003 .doc. Save it as .docx or PDF.");
    }

    // XHTML pages, such as DocBook output, start with an XML declaration before the doctype.
    private static bool LooksLikeHtml(ReadOnlySpan<byte> content)
    {
        var head = Encoding.UTF8.GetString(content[..Math.Min(content.Length, 1024)]).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        if (head.StartsWith("<?xml", StringComparison.Ordinal) && head.IndexOf("?>", StringComparison.Ordinal) is var end and > 0)
        {
            head = head[(end + 2)..].TrimStart();
        }

        return head.StartsWith("<!doctype html", StringComparison.OrdinalIgnoreCase)
            || head.StartsWith("<html", StringComparison.OrdinalIgnoreCase);
    }
}
