using Npgsql;

namespace VoiceHelper.Tests.Retention;

/// <summary>Inserts and counts the rows that the retention job deletes, with the time stamps a test needs.</summary>
internal static class RetentionRows
{
    public static async Task InsertUsageEventAsync(NpgsqlDataSource dataSource, Guid tenantId, DateTimeOffset occurredAt,
        int turns = 1, long charactersIn = 10)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO usage_events (tenant_id, occurred_at, kind, turns, chars_in) VALUES ($1, $2, 'message', $3, $4)
            """);
        command.Parameters.Add(new() { Value = tenantId });
        command.Parameters.Add(new() { Value = occurredAt });
        command.Parameters.Add(new() { Value = turns });
        command.Parameters.Add(new() { Value = charactersIn });
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Inserts a conversation with one voice exchange and returns its id and the user turn's id.</summary>
    public static async Task<(Guid ConversationId, Guid UserTurnId)> InsertConversationAsync(
        NpgsqlDataSource dataSource, Guid tenantId, DateTimeOffset? deletedAt)
    {
        var conversationId = Guid.NewGuid();
        var userTurnId = Guid.NewGuid();
        await using var batch = dataSource.CreateBatch();
        var conversation = new NpgsqlBatchCommand(
            "INSERT INTO conversations (id, tenant_id, title, deleted_at) VALUES ($1, $2, 'retention test', $3)");
        conversation.Parameters.Add(new() { Value = conversationId });
        conversation.Parameters.Add(new() { Value = tenantId });
        conversation.Parameters.Add(new() { Value = (object?)deletedAt ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        batch.BatchCommands.Add(conversation);
        var turns = new NpgsqlBatchCommand("""
            INSERT INTO conversation_turns (id, conversation_id, sequence, role, modality, text)
            VALUES ($1, $2, 1, 'user', 'voice', 'How do I vacuum a table?');
            """);
        turns.Parameters.Add(new() { Value = userTurnId });
        turns.Parameters.Add(new() { Value = conversationId });
        batch.BatchCommands.Add(turns);
        var reply = new NpgsqlBatchCommand("""
            INSERT INTO conversation_turns (id, conversation_id, sequence, role, modality, text, reply_to)
            VALUES (gen_random_uuid(), $1, 2, 'assistant', 'voice', 'Run VACUUM.', $2);
            """);
        reply.Parameters.Add(new() { Value = conversationId });
        reply.Parameters.Add(new() { Value = userTurnId });
        batch.BatchCommands.Add(reply);
        await batch.ExecuteNonQueryAsync();
        return (conversationId, userTurnId);
    }

    public static async Task InsertVoiceAudioAsync(
        NpgsqlDataSource dataSource, Guid tenantId, Guid turnId, DateTimeOffset createdAt)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO voice_turn_audio (turn_id, tenant_id, created_at, sample_rate, audio) VALUES ($1, $2, $3, 16000, $4)
            """);
        command.Parameters.Add(new() { Value = turnId });
        command.Parameters.Add(new() { Value = tenantId });
        command.Parameters.Add(new() { Value = createdAt });
        command.Parameters.Add(new() { Value = new byte[320] });
        await command.ExecuteNonQueryAsync();
    }

    public static Task<long> CountUsageEventsAsync(NpgsqlDataSource dataSource, Guid tenantId, DateTimeOffset at) =>
        CountAsync(dataSource, "SELECT count(*) FROM usage_events WHERE tenant_id = $1 AND occurred_at = $2", tenantId, at);

    public static Task<long> CountConversationsAsync(NpgsqlDataSource dataSource, Guid conversationId) =>
        CountAsync(dataSource, "SELECT count(*) FROM conversations WHERE id = $1", conversationId);

    public static Task<long> CountTurnsAsync(NpgsqlDataSource dataSource, Guid conversationId) =>
        CountAsync(dataSource, "SELECT count(*) FROM conversation_turns WHERE conversation_id = $1", conversationId);

    public static Task<long> CountVoiceAudioAsync(NpgsqlDataSource dataSource, Guid turnId) =>
        CountAsync(dataSource, "SELECT count(*) FROM voice_turn_audio WHERE turn_id = $1", turnId);

    private static async Task<long> CountAsync(NpgsqlDataSource dataSource, string sql, params object[] values)
    {
        await using var command = dataSource.CreateCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new() { Value = value });
        }

        return (long)(await command.ExecuteScalarAsync())!;
    }
}
