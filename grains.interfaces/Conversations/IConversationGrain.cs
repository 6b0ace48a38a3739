using Orleans.Concurrency;

namespace VoiceHelper.Grains.Conversations;

/// <summary>
/// One conversation, keyed by its id. It belongs to one tenant, and every call names the calling tenant, so a
/// conversation of another tenant behaves as if it did not exist.
/// </summary>
[Alias("VoiceHelper.IConversationGrain")]
public interface IConversationGrain : IGrainWithGuidKey
{
    /// <summary>Creates the conversation for a tenant.</summary>
    /// <exception cref="ConversationExistsException">The id is already taken.</exception>
    /// <exception cref="Knowledge.KnowledgeBaseNotFoundException">The tenant has no such knowledge base.</exception>
    [Alias("Create")]
    Task<ConversationSummary> CreateAsync(Guid tenantId, ConversationSettings settings);

    /// <summary>Returns the conversation's identity and settings.</summary>
    /// <exception cref="ConversationNotFoundException">No conversation with this id belongs to the tenant.</exception>
    [Alias("Get")]
    Task<ConversationSummary> GetAsync(Guid tenantId);

    /// <summary>Changes the settings that are not null in <paramref name="changes"/>.</summary>
    /// <exception cref="ConversationNotFoundException">No conversation with this id belongs to the tenant.</exception>
    /// <exception cref="Knowledge.KnowledgeBaseNotFoundException">The tenant has no such knowledge base.</exception>
    [Alias("Update")]
    Task<ConversationSummary> UpdateAsync(Guid tenantId, ConversationSettings changes);

    /// <summary>
    /// Cancels any answer in progress and marks the conversation deleted. Afterwards the id is not found by any read,
    /// and the retention job deletes the stored turns after <c>Retention:DeletedConversations</c>.
    /// </summary>
    /// <exception cref="ConversationNotFoundException">No conversation with this id belongs to the tenant.</exception>
    [Alias("Delete")]
    Task DeleteAsync(Guid tenantId);

    /// <summary>
    /// Stores the user turn and starts answering it in the background, cancelling an answer still in progress.
    /// The user turn is in PostgreSQL when this returns. Read the answer with <see cref="ReadResponseAsync"/>.
    /// </summary>
    /// <exception cref="ConversationNotFoundException">No conversation with this id belongs to the tenant.</exception>
    /// <exception cref="KnowledgeBaseRequiredException">The conversation has no knowledge base.</exception>
    [Alias("StartResponse")]
    Task<ResponseStart> StartResponseAsync(Guid tenantId, UserMessage message);

    /// <summary>
    /// Streams the events of a response with a sequence above <paramref name="afterSequence"/>, waiting for new
    /// ones until the <see cref="ResponseEventKind.Done"/> event. A response that finished long ago, or whose
    /// silo stopped, yields its stored sources and turn.
    /// </summary>
    /// <exception cref="ResponseNotFoundException">The conversation has no such response.</exception>
    [Alias("ReadResponse"), AlwaysInterleave]
    IAsyncEnumerable<ResponseEvent> ReadResponseAsync(
        Guid tenantId, Guid responseId, long afterSequence, CancellationToken cancellationToken = default);

    /// <summary>
    /// Cancels a response in progress, storing what was produced as a cancelled turn. Returns false when the
    /// response had already ended.
    /// </summary>
    /// <exception cref="ResponseNotFoundException">The conversation has no such response.</exception>
    [Alias("CancelResponse"), AlwaysInterleave]
    Task<bool> CancelResponseAsync(Guid tenantId, Guid responseId);

    /// <summary>
    /// Cuts an assistant turn to the part that the user heard of its spoken answer: the turn keeps
    /// <paramref name="text"/> and <paramref name="sources"/> and becomes <see cref="TurnStatus.Cancelled"/>. An answer
    /// still being generated is cancelled first. Returns the stored turn.
    /// </summary>
    /// <exception cref="ResponseNotFoundException">The conversation has no such assistant turn.</exception>
    [Alias("TruncateResponse")]
    Task<Turn> TruncateResponseAsync(
        Guid tenantId, Guid responseId, string text, IReadOnlyList<Knowledge.AnswerCitation> sources);

    /// <summary>
    /// Stores a user message, waits for the answer and returns both turns: <see cref="StartResponseAsync"/>
    /// followed by reading the response to its end.
    /// </summary>
    /// <exception cref="ConversationNotFoundException">No conversation with this id belongs to the tenant.</exception>
    /// <exception cref="KnowledgeBaseRequiredException">The conversation has no knowledge base.</exception>
    [Alias("SendMessage")]
    Task<ConversationExchange> SendMessageAsync(Guid tenantId, UserMessage message);

    /// <summary>
    /// Returns up to <paramref name="limit"/> turns older than <paramref name="beforeSequence"/> (the newest
    /// when it is null), oldest first.
    /// </summary>
    /// <exception cref="ConversationNotFoundException">No conversation with this id belongs to the tenant.</exception>
    [Alias("GetTurns"), AlwaysInterleave]
    Task<TurnPage> GetTurnsAsync(Guid tenantId, int limit, long? beforeSequence);
}
