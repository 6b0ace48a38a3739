using Npgsql;

namespace VoiceHelper.Grains.Persistence;

/// <summary>
/// Adds seconds of recognized audio (in) and synthesized audio (out) to a tenant's row in <c>tenant_usage</c>, beside
/// the turn counters that the conversation store adds, and records the change in <c>usage_events</c>.
/// </summary>
public sealed class PostgresSpeechUsageStore(NpgsqlDataSource dataSource)
{
    /// <summary>Adds the seconds in one transaction, creating the tenant's row when it has none.</summary>
    public async Task AddAudioSecondsAsync(Guid tenantId, double secondsIn, double secondsOut, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(secondsIn);
        ArgumentOutOfRangeException.ThrowIfNegative(secondsOut);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction);

        var counters = new NpgsqlBatchCommand("""
            INSERT INTO tenant_usage (tenant_id, audio_seconds, audio_seconds_out, updated_at) VALUES ($1, $2, $3, now())
            ON CONFLICT (tenant_id) DO UPDATE SET
                audio_seconds = tenant_usage.audio_seconds + EXCLUDED.audio_seconds,
                audio_seconds_out = tenant_usage.audio_seconds_out + EXCLUDED.audio_seconds_out,
                updated_at = now()
            """);
        counters.Parameters.Add(new() { Value = tenantId });
        counters.Parameters.Add(new() { Value = secondsIn });
        counters.Parameters.Add(new() { Value = secondsOut });
        batch.BatchCommands.Add(counters);
        var change = new UsageChange(UsageKind.Speech, AudioSeconds: secondsIn, AudioSecondsOut: secondsOut);
        batch.BatchCommands.Add(UsageEventCommands.CreateInsert(tenantId, change));

        await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
