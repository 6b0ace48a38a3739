namespace VoiceHelper.Client;

/// <summary>The passages that the answer cites; empty for an answer that was cancelled or failed.</summary>
/// <param name="Sequence">The event's sequence.</param>
/// <param name="ResponseId">The id of the answer.</param>
/// <param name="Sources">The cited passages.</param>
public sealed record ResponseSources(long Sequence, Guid ResponseId, IReadOnlyList<Citation> Sources)
    : ChatEvent(Sequence, ResponseId);
