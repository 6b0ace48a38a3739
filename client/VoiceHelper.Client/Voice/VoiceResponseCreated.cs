namespace VoiceHelper.Client;

/// <summary><c>response.created</c>: an answer begins.</summary>
/// <param name="Sequence">The event's sequence.</param>
/// <param name="Type">The event's type.</param>
/// <param name="Json">The whole event as JSON.</param>
/// <param name="ResponseId">The response, which the answer's later events name.</param>
public sealed record VoiceResponseCreated(long Sequence, string Type, string Json, string ResponseId)
    : VoiceEvent(Sequence, Type, Json);
