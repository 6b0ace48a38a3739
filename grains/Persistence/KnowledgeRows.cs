using VoiceHelper.Grains.Knowledge;

namespace VoiceHelper.Grains.Persistence;

/// <summary>A chunk to insert: its position, heading path, page, offsets into the parsed text, and text.</summary>
public sealed record ChunkRow(int Ordinal, string Heading, int? Page, int Start, int End, string Text);

/// <summary>A stored chunk as search returns it, with its document's title.</summary>
public sealed record ChunkSource(Guid DocumentId, string Title, string Heading, int? Page, string Text);

/// <summary>A stored upload and what ingestion needs to know about its knowledge base.</summary>
public sealed record StoredFile(
    Guid KnowledgeBaseId, int ShardCount, string FileName, string ContentType, string Title, byte[] Content, DocumentStatus Status);

/// <summary>The optional parts of a document status change; null leaves a column as it is, except the error.</summary>
public sealed record StatusUpdate(
    string? ErrorCode = null, string? ErrorMessage = null, string? Title = null,
    int? ParseMs = null, int? EmbedMs = null, int? IndexMs = null);
