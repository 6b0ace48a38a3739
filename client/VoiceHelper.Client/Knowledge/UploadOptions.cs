namespace VoiceHelper.Client;

/// <summary>Optional settings of one document upload.</summary>
public sealed class UploadOptions
{
    /// <summary>The document's title, 1 to 300 characters. Null means the file name without its extension.</summary>
    public string? Title { get; init; }

    /// <summary>
    /// The media type to store with the document. Null means the type of the file name's extension (see
    /// <see cref="DocumentTypes"/>). The gateway picks the parser by the extension, not by this.
    /// </summary>
    public string? ContentType { get; init; }

    /// <summary>
    /// Whether the upload returns only once the document is <see cref="DocumentStatus.Indexed"/> or
    /// <see cref="DocumentStatus.Failed"/>, reporting its progress meanwhile. Default false: the upload returns the
    /// <see cref="DocumentStatus.Queued"/> document as soon as it is stored.
    /// </summary>
    public bool WaitUntilIndexed { get; init; }
}
