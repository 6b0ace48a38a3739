namespace VoiceHelper.Grains.Conversations;

/// <summary>
/// A conversation's identity and settings: its title, the knowledge base it answers from (none until one is set),
/// the language of its turns (a BCP 47 tag) and the voice that speaks its answers (the engine's default when null).
/// </summary>
[GenerateSerializer, Immutable, Alias("VoiceHelper.ConversationSummary")]
public sealed record ConversationSummary(
    [property: Id(0)] Guid Id,
    [property: Id(1)] Guid TenantId,
    [property: Id(2)] string? Title,
    [property: Id(3)] DateTimeOffset CreatedAt,
    [property: Id(4)] Guid? KnowledgeBaseId,
    [property: Id(5)] string Language,
    [property: Id(6)] string? Voice,
    [property: Id(7)] DateTimeOffset LastActivityAt);
