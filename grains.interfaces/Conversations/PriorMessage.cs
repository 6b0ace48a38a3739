namespace VoiceHelper.Grains.Conversations;

/// <summary>
/// An earlier message of a conversation as the client keeps it, such as the history that an OpenAI-compatible
/// client sends with each request. It is read by the question rewriter and never stored.
/// </summary>
[GenerateSerializer, Immutable, Alias("VoiceHelper.PriorMessage")]
public sealed record PriorMessage(
    [property: Id(0)] TurnRole Role,
    [property: Id(1)] string Text);
