using Npgsql;
using NpgsqlTypes;
using VoiceHelper.Grains.Conversations;

namespace VoiceHelper.Grains.Persistence;

/// <summary>Conversations and turns in the PostgreSQL tables of <c>db/migrations/0003_conversations.sql</c>.</summary>
public sealed class PostgresConversationStore(NpgsqlDataSource dataSource) : IConversationStore
{
    private const string UniqueViolation = "23505";

    public async Task InsertConversationAsync(ConversationSummary conversation, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO conversations (id, tenant_id, title, created_at, last_activity_at)
            VALUES ($1, $2, $3, $4, $4)
            ON CONFLICT (id) DO NOTHING
            """);
        command.Parameters.Add(new() { Value = conversation.Id });
        command.Parameters.Add(new() { Value = conversation.TenantId });
        command.Parameters.Add(new() { Value = (object?)conversation.Title ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = conversation.CreatedAt });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<long> GetLastSequenceAsync(Guid conversationId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT COALESCE(MAX(sequence), 0) FROM conversation_turns WHERE conversation_id = $1");
        command.Parameters.Add(new() { Value = conversationId });
        var result = await command.ExecuteScalarAsync(cancellationToken);
        return (long)result!;
    }

    public async Task AppendTurnsAsync(Guid conversationId, IReadOnlyList<Turn> turns, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var turn in turns)
        {
            batch.BatchCommands.Add(CreateInsertTurn(conversationId, turn));
        }

        var touch = new NpgsqlBatchCommand("UPDATE conversations SET last_activity_at = $2 WHERE id = $1");
        touch.Parameters.Add(new() { Value = conversationId });
        touch.Parameters.Add(new() { Value = turns[^1].CreatedAt });
        batch.BatchCommands.Add(touch);

        try
        {
            await batch.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (PostgresException exception) when (exception.SqlState == UniqueViolation)
        {
            throw new TurnSequenceConflictException(conversationId, exception);
        }
    }

    public async Task<IReadOnlyList<Turn>> GetTurnsAsync(
        Guid conversationId, int limit, long beforeSequence, CancellationToken cancellationToken)
    {
        // The newest page before the cursor, read newest first and returned oldest first.
        await using var command = dataSource.CreateCommand("""
            SELECT id, sequence, role, text, modality, created_at
            FROM conversation_turns
            WHERE conversation_id = $1 AND sequence < $2
            ORDER BY sequence DESC
            LIMIT $3
            """);
        command.Parameters.Add(new() { Value = conversationId });
        command.Parameters.Add(new() { Value = beforeSequence });
        command.Parameters.Add(new() { Value = limit });

        var turns = new List<Turn>(limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            turns.Add(ReadTurn(reader));
        }

        turns.Reverse();
        return turns;
    }

    private static NpgsqlBatchCommand CreateInsertTurn(Guid conversationId, Turn turn)
    {
        var command = new NpgsqlBatchCommand("""
            INSERT INTO conversation_turns (id, conversation_id, sequence, role, modality, text, created_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            """);
        command.Parameters.Add(new() { Value = turn.Id });
        command.Parameters.Add(new() { Value = conversationId });
        command.Parameters.Add(new() { Value = turn.Sequence });
        command.Parameters.Add(new() { Value = TurnColumns.ToRole(turn.Role) });
        command.Parameters.Add(new() { Value = TurnColumns.ToModality(turn.Modality) });
        command.Parameters.Add(new() { Value = turn.Text });
        command.Parameters.Add(new() { Value = turn.CreatedAt });
        return command;
    }

    private static Turn ReadTurn(NpgsqlDataReader reader) => new(
        reader.GetGuid(0),
        reader.GetInt64(1),
        TurnColumns.ParseRole(reader.GetString(2)),
        reader.GetString(3),
        TurnColumns.ParseModality(reader.GetString(4)),
        reader.GetFieldValue<DateTimeOffset>(5));
}
