namespace VoiceHelper.Grains.Conversations;

/// <summary>The identity and title of a conversation.</summary>
[GenerateSerializer, Immutable, Alias("VoiceHelper.ConversationSummary")]
public sealed record ConversationSummary(
    [property: Id(0)] Guid Id,
    [property: Id(1)] Guid TenantId,
    [property: Id(2)] string? Title,
    [property: Id(3)] DateTimeOffset CreatedAt);
