namespace VoiceHelper.Client;

/// <summary><c>response.done</c>: an answer ended, with the stored turn and the passages it quoted.</summary>
/// <param name="Sequence">The event's sequence.</param>
/// <param name="Type">The event's type.</param>
/// <param name="Json">The whole event as JSON.</param>
/// <param name="ResponseId">The response.</param>
/// <param name="Status">Whether the answer completed, was cancelled or failed.</param>
/// <param name="Reason">Why it was cancelled or failed, such as <c>turn_detected</c>; null when it completed.</param>
/// <param name="Error">The failure of a failed answer; null otherwise.</param>
/// <param name="TurnId">The stored assistant message; null for the greeting, which is not stored.</param>
/// <param name="AudioSeconds">The seconds of audio sent.</param>
/// <param name="Sources">
/// The passages that the answer quotes; for a cancelled answer only those of the sentences that were heard.
/// </param>
public sealed record VoiceResponseDone(
    long Sequence, string Type, string Json, string ResponseId, VoiceResponseStatus Status, string? Reason, VoiceError? Error,
    Guid? TurnId, double AudioSeconds, IReadOnlyList<Citation> Sources)
    : VoiceEvent(Sequence, Type, Json);
