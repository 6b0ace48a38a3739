namespace VoiceHelper.Client;

/// <summary>A knowledge base: a named set of documents of one tenant that search and answers read.</summary>
/// <param name="Id">The knowledge base's id.</param>
/// <param name="TenantId">The tenant that owns it.</param>
/// <param name="Name">Unique within the tenant; 1 to 100 characters.</param>
/// <param name="ShardCount">The number of vector index shards that its chunks are spread over.</param>
/// <param name="CreatedAt">When it was created.</param>
public sealed record KnowledgeBase(Guid Id, Guid TenantId, string Name, int ShardCount, DateTimeOffset CreatedAt);
