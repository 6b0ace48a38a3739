namespace VoiceHelper.Client;

/// <summary>The document types that the gateway ingests, by file name extension, and their media types.</summary>
public static class DocumentTypes
{
    private static readonly Dictionary<string, string> MediaTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".txt"] = "text/plain",
        [".text"] = "text/plain",
        [".md"] = "text/markdown",
        [".markdown"] = "text/markdown",
        [".html"] = "text/html",
        [".htm"] = "text/html",
        [".pdf"] = "application/pdf",
        [".docx"] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    };

    /// <summary>The supported extensions with their leading dot, such as <c>.html</c>.</summary>
    public static IReadOnlyCollection<string> Extensions => MediaTypes.Keys;

    /// <summary>Returns whether the gateway has a parser for the file name's extension.</summary>
    public static bool IsSupported(string fileName) => MediaTypes.ContainsKey(Path.GetExtension(fileName));

    /// <summary>Returns the media type of the file name's extension, or null for an unsupported extension.</summary>
    public static string? MediaTypeOf(string fileName) => MediaTypes.GetValueOrDefault(Path.GetExtension(fileName));
}
