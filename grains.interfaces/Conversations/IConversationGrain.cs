namespace VoiceHelper.Grains.Conversations;

/// <summary>
/// One conversation, keyed by its id. It belongs to one tenant, and every call names the calling tenant,
/// so a conversation of another tenant behaves as if it did not exist.
/// </summary>
[Alias("VoiceHelper.IConversationGrain")]
public interface IConversationGrain : IGrainWithGuidKey
{
    /// <summary>Creates the conversation for a tenant.</summary>
    /// <exception cref="ConversationExistsException">The id is already taken.</exception>
    [Alias("Create")]
    Task<ConversationSummary> CreateAsync(Guid tenantId, string? title);

    /// <summary>Returns the conversation's identity and title.</summary>
    /// <exception cref="ConversationNotFoundException">No conversation with this id belongs to the tenant.</exception>
    [Alias("Get")]
    Task<ConversationSummary> GetAsync(Guid tenantId);

    /// <summary>
    /// Stores a user message, then the assistant's reply, and returns both. The user turn is in PostgreSQL
    /// before the reply is produced.
    /// </summary>
    /// <exception cref="ConversationNotFoundException">No conversation with this id belongs to the tenant.</exception>
    [Alias("SendMessage")]
    Task<ConversationExchange> SendMessageAsync(Guid tenantId, string text);

    /// <summary>
    /// Returns up to <paramref name="limit"/> turns older than <paramref name="beforeSequence"/> (the newest
    /// when it is null), oldest first.
    /// </summary>
    /// <exception cref="ConversationNotFoundException">No conversation with this id belongs to the tenant.</exception>
    [Alias("GetTurns")]
    Task<TurnPage> GetTurnsAsync(Guid tenantId, int limit, long? beforeSequence);
}
