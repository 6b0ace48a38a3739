namespace VoiceHelper.Grains.Conversations;

/// <summary>A stored user message and the assistant turn that replies to it.</summary>
[GenerateSerializer, Immutable, Alias("VoiceHelper.ConversationExchange")]
public sealed record ConversationExchange(
    [property: Id(0)] Turn Message,
    [property: Id(1)] Turn Reply);
