namespace VoiceHelper.Gateway.Knowledge;

/// <summary>Limits of knowledge base requests.</summary>
public static class KnowledgeLimits
{
    /// <summary>The longest knowledge base name.</summary>
    public const int MaxNameLength = 100;

    /// <summary>The longest document title.</summary>
    public const int MaxTitleLength = 300;

    /// <summary>The longest uploaded file name.</summary>
    public const int MaxFileNameLength = 255;

    /// <summary>The longest media type given with an upload: RFC 6838 allows 127 characters each for type and subtype.</summary>
    public const int MaxContentTypeLength = 255;

    /// <summary>The largest upload in bytes: 50 MiB, which fits the documents of a manual or a book.</summary>
    public const long MaxUploadBytes = 50L * 1024 * 1024;

    /// <summary>The longest search query.</summary>
    public const int MaxQueryLength = 2_000;

    /// <summary>The most results a search returns.</summary>
    public const int MaxTopK = 50;

    /// <summary>The most documents that a search filter may name.</summary>
    public const int MaxFilterDocuments = 100;

    /// <summary>The number of results when <c>top_k</c> is not given.</summary>
    public const int DefaultTopK = 5;

    /// <summary>The file name extensions that ingestion can parse.</summary>
    public static readonly IReadOnlySet<string> SupportedExtensions =
        new HashSet<string>(StringComparer.OrdinalIgnoreCase) { ".txt", ".text", ".md", ".markdown", ".html", ".htm", ".pdf", ".docx" };
}
