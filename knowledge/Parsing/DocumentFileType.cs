namespace VoiceHelper.Knowledge.Parsing;

/// <summary>The file formats that <see cref="IDocumentParser"/> reads.</summary>
public enum DocumentFileType
{
    /// <summary>Plain text in UTF-8, UTF-16, UTF-32 or Windows-1252.</summary>
    PlainText,

    /// <summary>CommonMark with pipe tables and YAML front matter.</summary>
    Markdown,

    /// <summary>HTML or XHTML.</summary>
    Html,

    /// <summary>PDF with a text layer.</summary>
    Pdf,

    /// <summary>Word 2007 and later (Office Open XML, <c>.docx</c>).</summary>
    Docx,
}
