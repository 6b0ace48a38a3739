namespace VoiceHelper.Knowledge.Parsing;

/// <summary>
/// Why a document could not be parsed. Each value has a stable string code in
/// <see cref="DocumentParseException.Code"/> that never changes meaning once shipped.
/// </summary>
public enum DocumentParseError
{
    /// <summary>The file has no bytes. Code <c>document_empty</c>.</summary>
    Empty,

    /// <summary>The file is larger than <see cref="DocumentParserOptions.MaxDocumentBytes"/>. Code <c>document_too_large</c>.</summary>
    TooLarge,

    /// <summary>
    /// Neither the file name, the content type nor the first bytes name a supported format.
    /// Code <c>document_type_unsupported</c>.
    /// </summary>
    UnsupportedType,

    /// <summary>
    /// The file was named or sent as text but contains binary data, or byte sequences that are invalid in its
    /// encoding. Code <c>document_not_text</c>.
    /// </summary>
    BinaryContent,

    /// <summary>The file is damaged or truncated, or is not the format its name or header claims. Code <c>document_corrupt</c>.</summary>
    Corrupt,

    /// <summary>The file is protected by a password. Code <c>document_encrypted</c>.</summary>
    Encrypted,

    /// <summary>
    /// A DOCX archive, or a stream of a PDF, would inflate beyond the configured limits, which is how a zip bomb or
    /// decompression bomb looks.
    /// Code <c>document_archive_too_large</c>.
    /// </summary>
    ArchiveTooLarge,

    /// <summary>
    /// The document has no text to index, for example a scanned PDF without a text layer.
    /// Code <c>document_no_text</c>.
    /// </summary>
    NoExtractableText,

    /// <summary>
    /// The document exceeds a limit on its structure: it nests elements, block quotes, lists or PDF forms too
    /// deeply, has too many pages, or takes longer to parse than allowed. Parsers recurse or slow down on such
    /// files until the stack overflows or the work takes hours. Code <c>document_too_complex</c>.
    /// </summary>
    TooComplex,
}
