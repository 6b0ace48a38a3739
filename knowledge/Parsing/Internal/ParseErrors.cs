namespace VoiceHelper.Knowledge.Parsing.Internal;

/// <summary>Creates the <see cref="DocumentParseException"/>s shared by several parsers, so their wording stays the same.</summary>
internal static class ParseErrors
{
    public static DocumentParseException Empty(string fileName) =>
        new(DocumentParseError.Empty, fileName, $"The file '{fileName}' is empty. Upload a file that contains text.");

    public static DocumentParseException NotText(string fileName) =>
        new(DocumentParseError.BinaryContent, fileName,
            $"The file '{fileName}' contains binary data, not text. Upload it as PDF or DOCX, or save it as UTF-8 text.");

    public static DocumentParseException NoText(string fileName) =>
        new(DocumentParseError.NoExtractableText, fileName,
            $"The file '{fileName}' contains no text to index. Check that it is the intended file.");

    public static DocumentParseException Corrupt(string fileName, string what, Exception? innerException = null) =>
        new(DocumentParseError.Corrupt, fileName,
            $"The file '{fileName}' could not be read: {what} Open it in its editor, save it again and upload the new copy.",
            innerException);

    /// <summary>Creates the error for a document that nests deeper than the limit that <paramref name="optionName"/> sets.</summary>
    /// <param name="fileName">The uploaded file name.</param>
    /// <param name="nestedElements">What nests too deeply, such as "HTML elements".</param>
    /// <param name="limit">The limit, in levels.</param>
    /// <param name="optionName">The <see cref="DocumentParserOptions"/> property that sets the limit.</param>
    /// <param name="innerException">The library's own error, where it detected the depth.</param>
    public static DocumentParseException TooDeep(
        string fileName,
        string nestedElements,
        int limit,
        string optionName,
        Exception? innerException = null) =>
        new(DocumentParseError.TooComplex, fileName,
            $"The file '{fileName}' nests {nestedElements} deeper than the limit of {limit:N0} levels " +
            $"({DocumentParserOptions.SectionName}:{optionName}). Simplify its structure and upload it again, " +
            "or ask the operator to raise the limit if the document is genuine.",
            innerException);

    public static DocumentParseException Unsupported(string fileName, string what) =>
        new(DocumentParseError.UnsupportedType, fileName,
            $"The file '{fileName}' is not a supported document: {what} " +
            "Upload plain text (.txt), Markdown (.md), HTML (.html), PDF (.pdf) or Word (.docx).");
}
