using Npgsql;

namespace VoiceHelper.Grains.Persistence;

/// <summary>
/// Adds seconds of recognized audio (in) and synthesized audio (out) to a tenant's row in <c>tenant_usage</c>, beside
/// the turn counters that the conversation store adds.
/// </summary>
public sealed class PostgresSpeechUsageStore(NpgsqlDataSource dataSource)
{
    /// <summary>Adds the seconds in one statement, creating the tenant's row when it has none.</summary>
    public async Task AddAudioSecondsAsync(Guid tenantId, double secondsIn, double secondsOut, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(secondsIn);
        ArgumentOutOfRangeException.ThrowIfNegative(secondsOut);
        await using var command = dataSource.CreateCommand("""
            INSERT INTO tenant_usage (tenant_id, audio_seconds, audio_seconds_out, updated_at) VALUES ($1, $2, $3, now())
            ON CONFLICT (tenant_id) DO UPDATE SET
                audio_seconds = tenant_usage.audio_seconds + EXCLUDED.audio_seconds,
                audio_seconds_out = tenant_usage.audio_seconds_out + EXCLUDED.audio_seconds_out,
                updated_at = now()
            """);
        command.Parameters.Add(new() { Value = tenantId });
        command.Parameters.Add(new() { Value = secondsIn });
        command.Parameters.Add(new() { Value = secondsOut });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
