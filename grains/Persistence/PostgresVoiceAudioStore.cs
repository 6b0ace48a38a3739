using Npgsql;
using NpgsqlTypes;

namespace VoiceHelper.Grains.Persistence;

/// <summary>
/// Stores the caller's audio of spoken user turns in <c>voice_turn_audio</c>, when <c>Voice:KeepUserAudio</c> is on.
/// The retention job deletes the rows after <c>Retention:RawAudio</c>, and deleting the turn deletes its audio.
/// </summary>
public sealed class PostgresVoiceAudioStore(NpgsqlDataSource dataSource)
{
    /// <summary>Stores 16-bit mono samples for a stored user turn; a second call for the same turn changes nothing.</summary>
    public async Task StoreAsync(
        Guid turnId, Guid tenantId, int sampleRate, short[] samples, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("Voice audio is stored as little-endian PCM; this machine is big-endian.");
        }

        var bytes = new byte[samples.Length * sizeof(short)];
        Buffer.BlockCopy(samples, 0, bytes, 0, bytes.Length);

        await using var command = dataSource.CreateCommand("""
            INSERT INTO voice_turn_audio (turn_id, tenant_id, sample_rate, audio)
            VALUES ($1, $2, $3, $4)
            ON CONFLICT (turn_id) DO NOTHING
            """);
        command.Parameters.Add(new() { Value = turnId });
        command.Parameters.Add(new() { Value = tenantId });
        command.Parameters.Add(new() { Value = sampleRate });
        command.Parameters.Add(new() { Value = bytes, NpgsqlDbType = NpgsqlDbType.Bytea });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
