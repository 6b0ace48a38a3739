namespace VoiceHelper.Knowledge.Parsing;

/// <summary>
/// Thrown when an uploaded document cannot be turned into text. The message names the file and says what the
/// uploader can do. Parsing the same bytes again fails the same way, so a retry does not help, except after a
/// timeout (<see cref="DocumentParserOptions.ParseTimeout"/>) on a machine that was busy.
/// </summary>
public sealed class DocumentParseException : Exception
{
    /// <summary>Creates an exception for <paramref name="fileName"/> with a message that says what to do.</summary>
    public DocumentParseException(DocumentParseError error, string fileName, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Error = error;
        FileName = fileName;
    }

    /// <summary>Why parsing failed.</summary>
    public DocumentParseError Error { get; }

    /// <summary>The name of the uploaded file, as the caller passed it.</summary>
    public string FileName { get; }

    /// <summary>The stable code of <see cref="Error"/>, such as <c>document_corrupt</c>, for problem details and logs.</summary>
    public string Code => Error switch
    {
        DocumentParseError.Empty => "document_empty",
        DocumentParseError.TooLarge => "document_too_large",
        DocumentParseError.UnsupportedType => "document_type_unsupported",
        DocumentParseError.BinaryContent => "document_not_text",
        DocumentParseError.Corrupt => "document_corrupt",
        DocumentParseError.Encrypted => "document_encrypted",
        DocumentParseError.ArchiveTooLarge => "document_archive_too_large",
        DocumentParseError.NoExtractableText => "document_no_text",
        DocumentParseError.TooComplex => "document_too_complex",
        _ => throw new InvalidOperationException($"Document parse error {Error} has no code."),
    };
}
