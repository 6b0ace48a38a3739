namespace VoiceHelper.Grains.Knowledge;

/// <summary>A knowledge base's identity and size.</summary>
[GenerateSerializer, Immutable, Alias("VoiceHelper.KnowledgeBaseInfo")]
public sealed record KnowledgeBaseInfo(
    [property: Id(0)] Guid Id,
    [property: Id(1)] Guid TenantId,
    [property: Id(2)] string Name,
    [property: Id(3)] int ShardCount,
    [property: Id(4)] DateTimeOffset CreatedAt);
