using Npgsql;

namespace VoiceHelper.Bench.Conversations;

/// <summary>
/// Writes a message and its reply straight through Npgsql with the statements that the grain's store runs: two
/// turn inserts and the conversation's activity update in one transaction. It numbers turns itself, as the grain
/// does from its cached last sequence.
/// </summary>
internal sealed class DirectTurnWriter(NpgsqlDataSource dataSource, TimeProvider clock)
{
    private long _lastSequence;

    /// <summary>The id of the conversation that <see cref="CreateConversationAsync"/> inserted.</summary>
    public Guid ConversationId { get; private set; }

    /// <summary>Inserts the conversation row that the turns reference.</summary>
    public async Task CreateConversationAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        ConversationId = Guid.NewGuid();
        await using var command = dataSource.CreateCommand("""
            INSERT INTO conversations (id, tenant_id, title, created_at, last_activity_at)
            VALUES ($1, $2, $3, $4, $4)
            """);
        command.Parameters.Add(new() { Value = ConversationId });
        command.Parameters.Add(new() { Value = tenantId });
        command.Parameters.Add(new() { Value = "benchmark baseline" });
        command.Parameters.Add(new() { Value = clock.GetUtcNow() });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Stores a user turn with <paramref name="text"/> and an assistant turn, and commits.</summary>
    public async Task AppendExchangeAsync(string text, string reply, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                InsertTurn(_lastSequence + 1, "user", text, now),
                InsertTurn(_lastSequence + 2, "assistant", reply, now),
                TouchConversation(now),
            },
        };

        await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        _lastSequence += 2;
    }

    private NpgsqlBatchCommand InsertTurn(long sequence, string role, string text, DateTimeOffset createdAt)
    {
        var command = new NpgsqlBatchCommand("""
            INSERT INTO conversation_turns (id, conversation_id, sequence, role, modality, text, created_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            """);
        command.Parameters.Add(new() { Value = Guid.NewGuid() });
        command.Parameters.Add(new() { Value = ConversationId });
        command.Parameters.Add(new() { Value = sequence });
        command.Parameters.Add(new() { Value = role });
        command.Parameters.Add(new() { Value = "text" });
        command.Parameters.Add(new() { Value = text });
        command.Parameters.Add(new() { Value = createdAt });
        return command;
    }

    private NpgsqlBatchCommand TouchConversation(DateTimeOffset lastActivityAt)
    {
        var command = new NpgsqlBatchCommand("UPDATE conversations SET last_activity_at = $2 WHERE id = $1");
        command.Parameters.Add(new() { Value = ConversationId });
        command.Parameters.Add(new() { Value = lastActivityAt });
        return command;
    }
}
