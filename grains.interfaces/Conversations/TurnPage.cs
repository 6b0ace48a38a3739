namespace VoiceHelper.Grains.Conversations;

/// <summary>
/// One page of turns, oldest first. <see cref="NextBefore"/> is the sequence to pass as <c>before</c> for the
/// older page, or null when this page reaches the first turn.
/// </summary>
[GenerateSerializer, Immutable, Alias("VoiceHelper.TurnPage")]
public sealed record TurnPage(
    [property: Id(0)] IReadOnlyList<Turn> Turns,
    [property: Id(1)] long? NextBefore);
