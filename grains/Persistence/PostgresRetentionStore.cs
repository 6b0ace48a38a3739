using Npgsql;

namespace VoiceHelper.Grains.Persistence;

/// <summary>
/// Deletes rows past their retention window, one batch per call. Each call is one statement and so one transaction,
/// and the caller repeats it until a batch deletes fewer rows than its size.
/// </summary>
public sealed class PostgresRetentionStore(NpgsqlDataSource dataSource)
{
    /// <summary>Deletes up to <paramref name="batchSize"/> usage events that occurred at or before the cutoff.</summary>
    public Task<long> DeleteUsageEventsAsync(DateTimeOffset cutoff, int batchSize, CancellationToken cancellationToken) =>
        DeleteBatchAsync("""
            WITH gone AS (
                DELETE FROM usage_events
                WHERE id IN (SELECT id FROM usage_events WHERE occurred_at <= $1 LIMIT $2)
                RETURNING 1)
            SELECT count(*) FROM gone
            """, cutoff, batchSize, cancellationToken);

    /// <summary>Deletes up to <paramref name="batchSize"/> rows of stored voice-turn audio created at or before the cutoff.</summary>
    public Task<long> DeleteVoiceAudioAsync(DateTimeOffset cutoff, int batchSize, CancellationToken cancellationToken) =>
        DeleteBatchAsync("""
            WITH gone AS (
                DELETE FROM voice_turn_audio
                WHERE turn_id IN (SELECT turn_id FROM voice_turn_audio WHERE created_at <= $1 LIMIT $2)
                RETURNING 1)
            SELECT count(*) FROM gone
            """, cutoff, batchSize, cancellationToken);

    /// <summary>
    /// Deletes up to <paramref name="batchSize"/> conversations marked deleted at or before the cutoff, with their
    /// turns and the turns' audio, and returns how many conversations and turns went.
    /// </summary>
    public async Task<(long Conversations, long Turns)> PurgeDeletedConversationsAsync(
        DateTimeOffset cutoff, int batchSize, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);

        // The turns are deleted explicitly so that they can be counted. The foreign keys' ON DELETE CASCADE then
        // finds nothing more to delete, and it removes the turns' audio.
        await using var command = dataSource.CreateCommand("""
            WITH doomed AS (
                SELECT id FROM conversations WHERE deleted_at <= $1 LIMIT $2 FOR UPDATE SKIP LOCKED),
            turns AS (
                DELETE FROM conversation_turns WHERE conversation_id IN (SELECT id FROM doomed) RETURNING 1),
            conversations_gone AS (
                DELETE FROM conversations WHERE id IN (SELECT id FROM doomed) RETURNING 1)
            SELECT (SELECT count(*) FROM conversations_gone), (SELECT count(*) FROM turns)
            """);
        command.Parameters.Add(new() { Value = cutoff });
        command.Parameters.Add(new() { Value = batchSize });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    private async Task<long> DeleteBatchAsync(
        string statement, DateTimeOffset cutoff, int batchSize, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        await using var command = dataSource.CreateCommand(statement);
        command.Parameters.Add(new() { Value = cutoff });
        command.Parameters.Add(new() { Value = batchSize });
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
