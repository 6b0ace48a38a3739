namespace VoiceHelper.Client;

/// <summary><c>session.updated</c>: the settings after a <see cref="VoiceSession.UpdateSessionAsync"/>.</summary>
/// <param name="Sequence">The event's sequence.</param>
/// <param name="Type">The event's type.</param>
/// <param name="Json">The whole event as JSON.</param>
/// <param name="ConversationId">The conversation that stores the session's turns.</param>
/// <param name="Configuration">The session's settings.</param>
public sealed record SessionUpdated(long Sequence, string Type, string Json, Guid ConversationId, VoiceConfiguration Configuration)
    : VoiceEvent(Sequence, Type, Json);
