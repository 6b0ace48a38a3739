namespace VoiceHelper.Client;

/// <summary>
/// <c>session.created</c>: the session is open. It is the first event of a new session, and of a continued
/// conversation that is not resumed.
/// </summary>
/// <param name="Sequence">The event's sequence.</param>
/// <param name="Type">The event's type.</param>
/// <param name="Json">The whole event as JSON.</param>
/// <param name="ConversationId">The conversation that stores the session's turns.</param>
/// <param name="Configuration">The session's settings.</param>
public sealed record SessionCreated(long Sequence, string Type, string Json, Guid ConversationId, VoiceConfiguration Configuration)
    : VoiceEvent(Sequence, Type, Json);
