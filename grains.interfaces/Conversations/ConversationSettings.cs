namespace VoiceHelper.Grains.Conversations;

/// <summary>
/// The settings of a new conversation, or the changes to an existing one, where each null property keeps the
/// current value (on creation: no title, no knowledge base, English, the default voice).
/// </summary>
[GenerateSerializer, Immutable, Alias("VoiceHelper.ConversationSettings")]
public sealed record ConversationSettings(
    [property: Id(0)] string? Title = null,
    [property: Id(1)] Guid? KnowledgeBaseId = null,
    [property: Id(2)] string? Language = null,
    [property: Id(3)] string? Voice = null);
