namespace VoiceHelper.Grains.Conversations;

/// <summary>
/// One page of a tenant's conversations, newest activity first. <see cref="Next"/> is the cursor of the next
/// (older) page, or null on the last page.
/// </summary>
[GenerateSerializer, Immutable, Alias("VoiceHelper.ConversationPage")]
public sealed record ConversationPage(
    [property: Id(0)] IReadOnlyList<ConversationSummary> Conversations,
    [property: Id(1)] ConversationCursor? Next);

/// <summary>The position after the last conversation of a page: its last activity and id.</summary>
[GenerateSerializer, Immutable, Alias("VoiceHelper.ConversationCursor")]
public sealed record ConversationCursor(
    [property: Id(0)] DateTimeOffset LastActivityAt,
    [property: Id(1)] Guid Id);
