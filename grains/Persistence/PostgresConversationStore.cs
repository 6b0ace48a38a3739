using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using VoiceHelper.Grains.Conversations;
using VoiceHelper.Grains.Knowledge;

namespace VoiceHelper.Grains.Persistence;

/// <summary>
/// Conversations, turns and usage in the PostgreSQL tables of <c>db/migrations/0003_conversations.sql</c>,
/// <c>0006_conversation_answers.sql</c> and <c>0008_retention.sql</c>. Every read of a conversation row skips rows
/// marked deleted.
/// </summary>
public sealed class PostgresConversationStore(NpgsqlDataSource dataSource) : IConversationStore
{
    private const string UniqueViolation = "23505";
    private const string IdempotencyConstraint = "conversation_turns_idempotency_key";

    private const string TurnColumnList =
        "id, sequence, role, text, modality, created_at, status, sources, reply_to, retrieval_ms, answer_ms, completed_at, error";

    private const string ConversationColumnList =
        "id, tenant_id, title, created_at, knowledge_base_id, language, voice, last_activity_at";

    private static readonly JsonSerializerOptions SourceJson = new(JsonSerializerDefaults.Web);

    public async Task<bool> InsertConversationAsync(ConversationSummary conversation, CancellationToken cancellationToken)
    {
        // The outer SELECT reads the snapshot taken before the INSERT, so it finds only a row that existed already.
        await using var command = dataSource.CreateCommand("""
            WITH inserted AS (
                INSERT INTO conversations (id, tenant_id, title, created_at, last_activity_at, knowledge_base_id, language, voice)
                VALUES ($1, $2, $3, $4, $4, $5, $6, $7)
                ON CONFLICT (id) DO NOTHING
                RETURNING id)
            SELECT EXISTS (SELECT 1 FROM inserted)
                OR EXISTS (SELECT 1 FROM conversations WHERE id = $1 AND tenant_id = $2 AND deleted_at IS NULL)
            """);
        command.Parameters.Add(new() { Value = conversation.Id });
        command.Parameters.Add(new() { Value = conversation.TenantId });
        command.Parameters.Add(NullableText(conversation.Title));
        command.Parameters.Add(new() { Value = conversation.CreatedAt });
        command.Parameters.Add(NullableUuid(conversation.KnowledgeBaseId));
        command.Parameters.Add(new() { Value = conversation.Language });
        command.Parameters.Add(NullableText(conversation.Voice));
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<ConversationSummary?> GetConversationAsync(Guid conversationId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT {ConversationColumnList} FROM conversations WHERE id = $1 AND deleted_at IS NULL");
        command.Parameters.Add(new() { Value = conversationId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadConversation(reader) : null;
    }

    public async Task UpdateConversationAsync(ConversationSummary conversation, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            UPDATE conversations SET title = $2, knowledge_base_id = $3, language = $4, voice = $5
            WHERE id = $1 AND deleted_at IS NULL
            """);
        command.Parameters.Add(new() { Value = conversation.Id });
        command.Parameters.Add(NullableText(conversation.Title));
        command.Parameters.Add(NullableUuid(conversation.KnowledgeBaseId));
        command.Parameters.Add(new() { Value = conversation.Language });
        command.Parameters.Add(NullableText(conversation.Voice));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task MarkConversationDeletedAsync(
        Guid conversationId, DateTimeOffset deletedAt, CancellationToken cancellationToken)
    {
        // A repeated delete keeps the first time, so it cannot postpone the purge.
        await using var command = dataSource.CreateCommand(
            "UPDATE conversations SET deleted_at = COALESCE(deleted_at, $2) WHERE id = $1");
        command.Parameters.Add(new() { Value = conversationId });
        command.Parameters.Add(new() { Value = deletedAt });
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

    public async Task AppendExchangeAsync(
        Guid tenantId, Guid conversationId, Turn message, Turn reply, string? idempotencyKey,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(CreateInsertTurn(conversationId, message, idempotencyKey));
        batch.BatchCommands.Add(CreateInsertTurn(conversationId, reply, idempotencyKey: null));
        batch.BatchCommands.Add(CreateTouchConversation(conversationId, message.CreatedAt));
        var usage = new UsageChange(UsageKind.Message, Turns: 1, CharactersIn: message.Text.Length);
        batch.BatchCommands.Add(CreateAddUsage(tenantId, usage));
        batch.BatchCommands.Add(UsageEventCommands.CreateInsert(tenantId, usage));

        try
        {
            await batch.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (PostgresException exception) when (exception is { SqlState: UniqueViolation, ConstraintName: IdempotencyConstraint })
        {
            throw new IdempotencyKeyConflictException(conversationId, exception);
        }
        catch (PostgresException exception) when (exception.SqlState == UniqueViolation)
        {
            throw new TurnSequenceConflictException(conversationId, exception);
        }
    }

    public async Task CompleteTurnAsync(Guid tenantId, Guid conversationId, Turn reply, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction);

        var update = new NpgsqlBatchCommand("""
            UPDATE conversation_turns
            SET text = $3, status = $4, sources = $5, retrieval_ms = $6, answer_ms = $7, completed_at = $8, error = $9
            WHERE conversation_id = $1 AND id = $2
            """);
        update.Parameters.Add(new() { Value = conversationId });
        update.Parameters.Add(new() { Value = reply.Id });
        update.Parameters.Add(new() { Value = reply.Text });
        update.Parameters.Add(new() { Value = TurnColumns.ToStatus(reply.Status) });
        update.Parameters.Add(new() { Value = SerializeSources(reply.Sources), NpgsqlDbType = NpgsqlDbType.Jsonb });
        update.Parameters.Add(NullableInteger(reply.RetrievalMs));
        update.Parameters.Add(NullableInteger(reply.AnswerMs));
        update.Parameters.Add(new() { Value = (object?)reply.CompletedAt ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        update.Parameters.Add(NullableText(reply.Error));
        batch.BatchCommands.Add(update);
        batch.BatchCommands.Add(CreateTouchConversation(conversationId, reply.CompletedAt ?? reply.CreatedAt));
        var usage = new UsageChange(UsageKind.Answer, Turns: 1, CharactersOut: reply.Text.Length);
        batch.BatchCommands.Add(CreateAddUsage(tenantId, usage));
        batch.BatchCommands.Add(UsageEventCommands.CreateInsert(tenantId, usage));

        await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<bool> TruncateTurnAsync(Guid conversationId, Turn reply, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE conversation_turns SET text = $3, status = $4, sources = $5
            WHERE conversation_id = $1 AND id = $2 AND role = 'assistant' AND status <> 'streaming'
            """);
        command.Parameters.Add(new() { Value = conversationId });
        command.Parameters.Add(new() { Value = reply.Id });
        command.Parameters.Add(new() { Value = reply.Text });
        command.Parameters.Add(new() { Value = TurnColumns.ToStatus(reply.Status) });
        command.Parameters.Add(new() { Value = SerializeSources(reply.Sources), NpgsqlDbType = NpgsqlDbType.Jsonb });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<int> FailInterruptedTurnsAsync(
        Guid conversationId, string error, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE conversation_turns SET status = 'failed', error = $2, completed_at = $3
            WHERE conversation_id = $1 AND status = 'streaming'
            """);
        command.Parameters.Add(new() { Value = conversationId });
        command.Parameters.Add(new() { Value = error });
        command.Parameters.Add(new() { Value = now });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<Turn?> GetTurnAsync(Guid conversationId, Guid turnId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT {TurnColumnList} FROM conversation_turns WHERE conversation_id = $1 AND id = $2");
        command.Parameters.Add(new() { Value = conversationId });
        command.Parameters.Add(new() { Value = turnId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadTurn(reader) : null;
    }

    public async Task<(Turn Message, Turn Reply)?> FindByIdempotencyKeyAsync(
        Guid conversationId, string idempotencyKey, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT {TurnColumnList} FROM conversation_turns
            WHERE conversation_id = $1 AND (idempotency_key = $2 OR reply_to =
                (SELECT id FROM conversation_turns WHERE conversation_id = $1 AND idempotency_key = $2))
            ORDER BY sequence
            """);
        command.Parameters.Add(new() { Value = conversationId });
        command.Parameters.Add(new() { Value = idempotencyKey });
        var turns = new List<Turn>(2);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            turns.Add(ReadTurn(reader));
        }

        return turns.Count == 2 ? (turns[0], turns[1]) : null;
    }

    public async Task<IReadOnlyList<Turn>> GetTurnsAsync(
        Guid conversationId, int limit, long beforeSequence, CancellationToken cancellationToken)
    {
        // The newest page before the cursor, read newest first and returned oldest first.
        await using var command = dataSource.CreateCommand($"""
            SELECT {TurnColumnList}
            FROM conversation_turns
            WHERE conversation_id = $1 AND sequence < $2
                AND EXISTS (SELECT 1 FROM conversations WHERE id = $1 AND deleted_at IS NULL)
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

    public async Task<IReadOnlyList<ConversationSummary>> ListConversationsAsync(
        Guid tenantId, int limit, ConversationCursor? after, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT {ConversationColumnList} FROM conversations
            WHERE tenant_id = $1 AND deleted_at IS NULL
                AND ($2::timestamptz IS NULL OR (last_activity_at, id) < ($2, $3))
            ORDER BY last_activity_at DESC, id DESC
            LIMIT $4
            """);
        command.Parameters.Add(new() { Value = tenantId });
        command.Parameters.Add(new() { Value = (object?)after?.LastActivityAt ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new() { Value = after?.Id ?? Guid.Empty });
        command.Parameters.Add(new() { Value = limit });

        var conversations = new List<ConversationSummary>(limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            conversations.Add(ReadConversation(reader));
        }

        return conversations;
    }

    public async Task<TenantUsage> GetUsageAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT turns, chars_in, chars_out, audio_seconds, updated_at, audio_seconds_out FROM tenant_usage WHERE tenant_id = $1");
        command.Parameters.Add(new() { Value = tenantId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return new TenantUsage(0, 0, 0, 0, null);
        }

        return new TenantUsage(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetDouble(3),
            reader.GetFieldValue<DateTimeOffset>(4), reader.GetDouble(5));
    }

    public async Task<IReadOnlyList<DailyUsage>> GetDailyUsageAsync(
        Guid tenantId, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        // Days are UTC calendar days, and both ends are included. Days without events have no row.
        await using var command = dataSource.CreateCommand("""
            SELECT (occurred_at AT TIME ZONE 'UTC')::date AS day, sum(turns)::bigint, sum(chars_in)::bigint,
                sum(chars_out)::bigint, sum(audio_seconds), sum(audio_seconds_out)
            FROM usage_events
            WHERE tenant_id = $1 AND occurred_at >= $2 AND occurred_at < $3
            GROUP BY day
            ORDER BY day
            """);
        command.Parameters.Add(new() { Value = tenantId });
        command.Parameters.Add(new() { Value = StartOfUtcDay(from) });
        command.Parameters.Add(new() { Value = StartOfUtcDay(to.AddDays(1)) });

        var days = new List<DailyUsage>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            days.Add(new DailyUsage(reader.GetFieldValue<DateOnly>(0), reader.GetInt64(1), reader.GetInt64(2),
                reader.GetInt64(3), reader.GetDouble(4), reader.GetDouble(5)));
        }

        return days;
    }

    private static DateTimeOffset StartOfUtcDay(DateOnly day) =>
        new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    private static NpgsqlBatchCommand CreateInsertTurn(Guid conversationId, Turn turn, string? idempotencyKey)
    {
        var command = new NpgsqlBatchCommand("""
            INSERT INTO conversation_turns (id, conversation_id, sequence, role, modality, text, created_at, status,
                sources, reply_to, idempotency_key, retrieval_ms, answer_ms, completed_at, error)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
            """);
        command.Parameters.Add(new() { Value = turn.Id });
        command.Parameters.Add(new() { Value = conversationId });
        command.Parameters.Add(new() { Value = turn.Sequence });
        command.Parameters.Add(new() { Value = TurnColumns.ToRole(turn.Role) });
        command.Parameters.Add(new() { Value = TurnColumns.ToModality(turn.Modality) });
        command.Parameters.Add(new() { Value = turn.Text });
        command.Parameters.Add(new() { Value = turn.CreatedAt });
        command.Parameters.Add(new() { Value = TurnColumns.ToStatus(turn.Status) });
        command.Parameters.Add(new() { Value = SerializeSources(turn.Sources), NpgsqlDbType = NpgsqlDbType.Jsonb });
        command.Parameters.Add(NullableUuid(turn.ReplyTo));
        command.Parameters.Add(NullableText(idempotencyKey));
        command.Parameters.Add(NullableInteger(turn.RetrievalMs));
        command.Parameters.Add(NullableInteger(turn.AnswerMs));
        command.Parameters.Add(new() { Value = (object?)turn.CompletedAt ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(NullableText(turn.Error));
        return command;
    }

    private static NpgsqlBatchCommand CreateTouchConversation(Guid conversationId, DateTimeOffset at)
    {
        var command = new NpgsqlBatchCommand(
            "UPDATE conversations SET last_activity_at = GREATEST(last_activity_at, $2) WHERE id = $1");
        command.Parameters.Add(new() { Value = conversationId });
        command.Parameters.Add(new() { Value = at });
        return command;
    }

    private static NpgsqlBatchCommand CreateAddUsage(Guid tenantId, UsageChange usage)
    {
        var command = new NpgsqlBatchCommand("""
            INSERT INTO tenant_usage (tenant_id, turns, chars_in, chars_out, updated_at) VALUES ($1, $2, $3, $4, now())
            ON CONFLICT (tenant_id) DO UPDATE SET
                turns = tenant_usage.turns + EXCLUDED.turns,
                chars_in = tenant_usage.chars_in + EXCLUDED.chars_in,
                chars_out = tenant_usage.chars_out + EXCLUDED.chars_out,
                updated_at = now()
            """);
        command.Parameters.Add(new() { Value = tenantId });
        command.Parameters.Add(new() { Value = (long)usage.Turns });
        command.Parameters.Add(new() { Value = usage.CharactersIn });
        command.Parameters.Add(new() { Value = usage.CharactersOut });
        return command;
    }

    private static ConversationSummary ReadConversation(NpgsqlDataReader reader) => new(
        reader.GetGuid(0),
        reader.GetGuid(1),
        reader.IsDBNull(2) ? null : reader.GetString(2),
        reader.GetFieldValue<DateTimeOffset>(3),
        reader.IsDBNull(4) ? null : reader.GetGuid(4),
        reader.GetString(5),
        reader.IsDBNull(6) ? null : reader.GetString(6),
        reader.GetFieldValue<DateTimeOffset>(7));

    private static Turn ReadTurn(NpgsqlDataReader reader) => new(
        reader.GetGuid(0),
        reader.GetInt64(1),
        TurnColumns.ParseRole(reader.GetString(2)),
        reader.GetString(3),
        TurnColumns.ParseModality(reader.GetString(4)),
        reader.GetFieldValue<DateTimeOffset>(5))
    {
        Status = TurnColumns.ParseStatus(reader.GetString(6)),
        Sources = JsonSerializer.Deserialize<List<AnswerCitation>>(reader.GetString(7), SourceJson) ?? [],
        ReplyTo = reader.IsDBNull(8) ? null : reader.GetGuid(8),
        RetrievalMs = reader.IsDBNull(9) ? null : reader.GetInt32(9),
        AnswerMs = reader.IsDBNull(10) ? null : reader.GetInt32(10),
        CompletedAt = reader.IsDBNull(11) ? null : reader.GetFieldValue<DateTimeOffset>(11),
        Error = reader.IsDBNull(12) ? null : reader.GetString(12),
    };

    private static string SerializeSources(IReadOnlyList<AnswerCitation> sources) =>
        JsonSerializer.Serialize(sources, SourceJson);

    private static NpgsqlParameter NullableText(string? value) =>
        new() { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text };

    private static NpgsqlParameter NullableUuid(Guid? value) =>
        new() { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid };

    private static NpgsqlParameter NullableInteger(int? value) =>
        new() { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Integer };
}
