namespace VoiceHelper.Client;

/// <summary><c>conversation.item.truncated</c>: an assistant item, and its stored turn, were cut.</summary>
/// <param name="Sequence">The event's sequence.</param>
/// <param name="Type">The event's type.</param>
/// <param name="Json">The whole event as JSON.</param>
/// <param name="ItemId">The assistant item.</param>
/// <param name="AudioEndMs">The audio kept, in ms from the item's start.</param>
public sealed record ItemTruncated(long Sequence, string Type, string Json, string ItemId, long AudioEndMs)
    : VoiceEvent(Sequence, Type, Json);
