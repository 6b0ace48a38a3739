namespace VoiceHelper.Client;

/// <summary>
/// <c>error</c>: the session rejected a client event or a turn failed. The session stays usable.
/// </summary>
/// <param name="Sequence">The event's sequence.</param>
/// <param name="Type">The event's type.</param>
/// <param name="Json">The whole event as JSON.</param>
/// <param name="Error">The code, message and the client event it concerns.</param>
public sealed record SessionError(long Sequence, string Type, string Json, VoiceError Error) : VoiceEvent(Sequence, Type, Json);
