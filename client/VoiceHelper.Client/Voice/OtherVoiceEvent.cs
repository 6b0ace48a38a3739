namespace VoiceHelper.Client;

/// <summary>An event type that the SDK does not read into a record, such as <c>conversation.item.added</c>.</summary>
/// <param name="Sequence">The event's sequence.</param>
/// <param name="Type">The event's type.</param>
/// <param name="Json">The whole event as JSON.</param>
public sealed record OtherVoiceEvent(long Sequence, string Type, string Json) : VoiceEvent(Sequence, Type, Json);
