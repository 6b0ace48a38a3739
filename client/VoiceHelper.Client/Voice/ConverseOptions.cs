namespace VoiceHelper.Client;

/// <summary>What a voice session opens: the knowledge base, and optionally a conversation to continue or resume.</summary>
public sealed record ConverseOptions
{
    /// <summary>The knowledge base to answer from, by id or name. Required.</summary>
    public required string KnowledgeBase { get; init; }

    /// <summary>
    /// An existing conversation to continue, switching it to <see cref="KnowledgeBase"/>; null starts a new one, whose
    /// id <see cref="SessionCreated"/> reports.
    /// </summary>
    public Guid? ConversationId { get; init; }

    /// <summary>
    /// With <see cref="ConversationId"/>: the <see cref="VoiceSession.LastSequence"/> of a session whose call ended, to
    /// receive the events after it again. The server keeps them for a while (2 minutes by default) after a call ends.
    /// </summary>
    public long? ResumeAfter { get; init; }
}
