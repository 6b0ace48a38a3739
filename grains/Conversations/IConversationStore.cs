namespace VoiceHelper.Grains.Conversations;

/// <summary>The relational rows of conversations and their turns.</summary>
public interface IConversationStore
{
    /// <summary>Inserts the conversation row unless it exists already.</summary>
    Task InsertConversationAsync(ConversationSummary conversation, CancellationToken cancellationToken);

    /// <summary>Returns the highest turn sequence of the conversation, or 0 when it has no turns.</summary>
    Task<long> GetLastSequenceAsync(Guid conversationId, CancellationToken cancellationToken);

    /// <summary>
    /// Inserts the turns in one transaction and records the conversation's last activity.
    /// </summary>
    /// <exception cref="TurnSequenceConflictException">Another activation stored a turn with one of the sequences.</exception>
    Task AppendTurnsAsync(Guid conversationId, IReadOnlyList<Turn> turns, CancellationToken cancellationToken);

    /// <summary>Returns up to <paramref name="limit"/> turns with a sequence below <paramref name="beforeSequence"/>, oldest first.</summary>
    Task<IReadOnlyList<Turn>> GetTurnsAsync(
        Guid conversationId, int limit, long beforeSequence, CancellationToken cancellationToken);
}
