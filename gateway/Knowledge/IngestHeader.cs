namespace VoiceHelper.Gateway.Knowledge;

/// <summary>
/// The checked metadata of an Ingest call: the target knowledge base, the file's name, title and media type, the
/// size the client declared (null when it declared none), and whether the call waits for the document's indexing.
/// </summary>
internal sealed record IngestHeader(
    Guid KnowledgeBaseId, string FileName, string? Title, string? ContentType, long? DeclaredSize, bool Wait);
