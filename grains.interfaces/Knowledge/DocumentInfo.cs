namespace VoiceHelper.Grains.Knowledge;

/// <summary>
/// A document and its ingestion progress. <see cref="ChunksEmbedded"/> of <see cref="ChunkCount"/> shows progress
/// while embedding; the timings are in milliseconds and null until the step has run.
/// </summary>
[GenerateSerializer, Immutable, Alias("VoiceHelper.DocumentInfo")]
public sealed record DocumentInfo(
    [property: Id(0)] Guid Id,
    [property: Id(1)] Guid KnowledgeBaseId,
    [property: Id(2)] string Title,
    [property: Id(3)] string FileName,
    [property: Id(4)] string ContentType,
    [property: Id(5)] long SizeBytes,
    [property: Id(6)] DocumentStatus Status,
    [property: Id(7)] string? ErrorCode,
    [property: Id(8)] string? ErrorMessage,
    [property: Id(9)] int ChunkCount,
    [property: Id(10)] int ChunksEmbedded,
    [property: Id(11)] int? ParseMs,
    [property: Id(12)] int? EmbedMs,
    [property: Id(13)] int? IndexMs,
    [property: Id(14)] DateTimeOffset CreatedAt,
    [property: Id(15)] DateTimeOffset UpdatedAt);
