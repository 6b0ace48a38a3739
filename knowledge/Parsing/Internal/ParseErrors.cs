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

    public static DocumentParseException Unsupported(string fileName, string what) =>
        new(DocumentParseError.UnsupportedType, fileName,
            $"The file '{fileName}' is not a supported document: {what} " +
            "Upload plain text (.txt), Markdown (.md), HTML (.html), PDF (.pdf) or Word (.docx).");
}
