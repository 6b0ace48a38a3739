using Microsoft.Extensions.Logging;
using VoiceHelper.Grains.Logging;

namespace VoiceHelper.Grains.Conversations;

/// <summary>
/// Owns one conversation: checks the caller's tenant, numbers the turns and stores each one before it
/// answers. The reply is a plainly named echo until an answerer exists.
/// </summary>
public sealed class ConversationGrain(
    [PersistentState("conversation", StorageNames.Default)] IPersistentState<ConversationState> state,
    IConversationStore store,
    TimeProvider clock,
    ILogger<ConversationGrain> logger) : Grain, IConversationGrain
{
    private long? _lastSequence;

    private Guid Id => this.GetPrimaryKey();

    public async Task<ConversationSummary> CreateAsync(Guid tenantId, string? title)
    {
        if (state.RecordExists)
        {
            throw new ConversationExistsException(Id);
        }

        var summary = new ConversationSummary(Id, tenantId, title, clock.GetUtcNow().TruncateToMicroseconds());
        await store.InsertConversationAsync(summary, CancellationToken.None);

        state.State = new ConversationState { TenantId = tenantId, Title = title, CreatedAt = summary.CreatedAt };
        await state.WriteStateAsync();

        GrainLog.ConversationCreated(logger, Id, tenantId);
        return summary;
    }

    public Task<ConversationSummary> GetAsync(Guid tenantId)
    {
        EnsureOwnedBy(tenantId);
        return Task.FromResult(new ConversationSummary(Id, tenantId, state.State.Title, state.State.CreatedAt));
    }

    public async Task<ConversationExchange> SendMessageAsync(Guid tenantId, string text)
    {
        EnsureOwnedBy(tenantId);
        ArgumentException.ThrowIfNullOrWhiteSpace(text);

        var now = clock.GetUtcNow().TruncateToMicroseconds();
        var sequence = await GetLastSequenceAsync();
        var message = new Turn(Guid.NewGuid(), sequence + 1, TurnRole.User, text, TurnModality.Text, now);
        var reply = new Turn(Guid.NewGuid(), sequence + 2, TurnRole.Assistant, EchoReply(text), TurnModality.Text, now);

        await AppendAsync([message, reply]);

        GrainLog.MessageStored(logger, Id, message.Id, reply.Id);
        return new ConversationExchange(message, reply);
    }

    public async Task<TurnPage> GetTurnsAsync(Guid tenantId, int limit, long? beforeSequence)
    {
        EnsureOwnedBy(tenantId);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);

        var before = beforeSequence ?? long.MaxValue;
        var turns = await store.GetTurnsAsync(Id, limit, before, CancellationToken.None);
        long? nextBefore = turns.Count > 0 && turns[0].Sequence > 1 ? turns[0].Sequence : null;
        return new TurnPage(turns, nextBefore);
    }

    // NOTE: a placeholder until a grounded answerer replaces it; the prefix makes the echo obvious to users.
    private static string EchoReply(string text) => $"Echo: {text}";

    private void EnsureOwnedBy(Guid tenantId)
    {
        if (!state.RecordExists || state.State.TenantId != tenantId)
        {
            throw new ConversationNotFoundException(Id);
        }
    }

    private async Task<long> GetLastSequenceAsync()
    {
        _lastSequence ??= await store.GetLastSequenceAsync(Id, CancellationToken.None);
        return _lastSequence.Value;
    }

    private async Task AppendAsync(IReadOnlyList<Turn> turns)
    {
        try
        {
            await store.AppendTurnsAsync(Id, turns, CancellationToken.None);
            _lastSequence = turns[^1].Sequence;
        }
        catch (TurnSequenceConflictException)
        {
            // Another activation wrote meanwhile; the next call numbers its turns from the stored maximum.
            GrainLog.TurnSequenceConflict(logger, Id, turns[0].Sequence);
            _lastSequence = null;
            throw;
        }
    }
}
