namespace VoiceHelper.Grains.Conversations;

/// <summary>The relational rows of conversations, their turns and the tenants' usage counters.</summary>
public interface IConversationStore
{
    /// <summary>
    /// Inserts the conversation row unless it exists already. Returns false when the id belongs to a deleted
    /// conversation or to another tenant, whose row stays as it is.
    /// </summary>
    Task<bool> InsertConversationAsync(ConversationSummary conversation, CancellationToken cancellationToken);

    /// <summary>Returns the conversation's row, or null when it does not exist or is marked deleted.</summary>
    Task<ConversationSummary?> GetConversationAsync(Guid conversationId, CancellationToken cancellationToken);

    /// <summary>Writes the conversation's title, knowledge base, language and voice.</summary>
    Task UpdateConversationAsync(ConversationSummary conversation, CancellationToken cancellationToken);

    /// <summary>
    /// Marks the conversation deleted, which hides it from every read at once. The retention job deletes the row and
    /// its turns later. A conversation marked before keeps its first deletion time.
    /// </summary>
    Task MarkConversationDeletedAsync(Guid conversationId, DateTimeOffset deletedAt, CancellationToken cancellationToken);

    /// <summary>Returns the highest turn sequence of the conversation, or 0 when it has no turns.</summary>
    Task<long> GetLastSequenceAsync(Guid conversationId, CancellationToken cancellationToken);

    /// <summary>
    /// Inserts a user turn and the assistant turn that will answer it (status streaming) in one transaction,
    /// records the conversation's last activity and adds the user turn to the tenant's usage. The user turn keeps
    /// <paramref name="idempotencyKey"/> when it is not null.
    /// </summary>
    /// <exception cref="TurnSequenceConflictException">Another activation stored a turn with one of the sequences.</exception>
    /// <exception cref="IdempotencyKeyConflictException">Another activation stored a turn with the same key.</exception>
    Task AppendExchangeAsync(
        Guid tenantId, Guid conversationId, Turn message, Turn reply, string? idempotencyKey,
        CancellationToken cancellationToken);

    /// <summary>
    /// Writes how an assistant turn ended (text, status, sources, timings, error) and adds it to the tenant's usage.
    /// </summary>
    Task CompleteTurnAsync(Guid tenantId, Guid conversationId, Turn reply, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the text, sources and status of a finished assistant turn, as when a spoken answer is cut to the part
    /// the user heard. Returns false when the conversation has no such finished assistant turn.
    /// </summary>
    Task<bool> TruncateTurnAsync(Guid conversationId, Turn reply, CancellationToken cancellationToken);

    /// <summary>
    /// Marks the conversation's assistant turns still streaming as failed, because no activation generates them
    /// any more, and returns how many there were.
    /// </summary>
    Task<int> FailInterruptedTurnsAsync(Guid conversationId, string error, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Returns one turn of the conversation, or null.</summary>
    Task<Turn?> GetTurnAsync(Guid conversationId, Guid turnId, CancellationToken cancellationToken);

    /// <summary>Returns the user turn stored with this idempotency key and the assistant turn that answers it, or null.</summary>
    Task<(Turn Message, Turn Reply)?> FindByIdempotencyKeyAsync(
        Guid conversationId, string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>
    /// Returns up to <paramref name="limit"/> turns with a sequence below <paramref name="beforeSequence"/>, oldest
    /// first, and none when the conversation is marked deleted.
    /// </summary>
    Task<IReadOnlyList<Turn>> GetTurnsAsync(
        Guid conversationId, int limit, long beforeSequence, CancellationToken cancellationToken);

    /// <summary>Returns up to <paramref name="limit"/> of a tenant's conversations after the cursor, newest activity first.</summary>
    Task<IReadOnlyList<ConversationSummary>> ListConversationsAsync(
        Guid tenantId, int limit, ConversationCursor? after, CancellationToken cancellationToken);

    /// <summary>Returns the tenant's usage counters, zero when it has none.</summary>
    Task<TenantUsage> GetUsageAsync(Guid tenantId, CancellationToken cancellationToken);

    /// <summary>Returns the tenant's usage events summed per UTC day, both ends included, oldest first.</summary>
    Task<IReadOnlyList<DailyUsage>> GetDailyUsageAsync(
        Guid tenantId, DateOnly from, DateOnly to, CancellationToken cancellationToken);
}
