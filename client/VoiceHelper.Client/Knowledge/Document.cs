namespace VoiceHelper.Client;

/// <summary>A document of a knowledge base and its ingestion progress.</summary>
/// <param name="Id">The document's id.</param>
/// <param name="KnowledgeBaseId">The knowledge base that contains it.</param>
/// <param name="Title">The title given at upload, or the file name without its extension.</param>
/// <param name="FileName">The file name, without any folder.</param>
/// <param name="ContentType">The media type stored with the document.</param>
/// <param name="SizeBytes">The file's size in bytes.</param>
/// <param name="Status">Where the document is in ingestion.</param>
/// <param name="ErrorCode">A stable code when <paramref name="Status"/> is <see cref="DocumentStatus.Failed"/>, such as
/// <c>document_corrupt</c>; otherwise null.</param>
/// <param name="ErrorMessage">Why ingestion failed, for people; null unless it failed.</param>
/// <param name="ChunkCount">The number of chunks, known once parsing has finished; 0 before.</param>
/// <param name="ChunksEmbedded">How many chunks are embedded so far.</param>
/// <param name="ParseTime">How long parsing took; null until it has run.</param>
/// <param name="EmbedTime">How long embedding took; null until it has run.</param>
/// <param name="IndexTime">How long indexing took; null until it has run.</param>
/// <param name="CreatedAt">When the document was stored.</param>
/// <param name="UpdatedAt">When its status or progress last changed.</param>
public sealed record Document(
    Guid Id,
    Guid KnowledgeBaseId,
    string Title,
    string FileName,
    string ContentType,
    long SizeBytes,
    DocumentStatus Status,
    string? ErrorCode,
    string? ErrorMessage,
    int ChunkCount,
    int ChunksEmbedded,
    TimeSpan? ParseTime,
    TimeSpan? EmbedTime,
    TimeSpan? IndexTime,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>Whether ingestion has ended, as <see cref="DocumentStatus.Indexed"/> or <see cref="DocumentStatus.Failed"/>.</summary>
    public bool IsFinal => Status is DocumentStatus.Indexed or DocumentStatus.Failed;
}
