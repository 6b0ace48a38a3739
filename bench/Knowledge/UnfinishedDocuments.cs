using Npgsql;

namespace VoiceHelper.Bench.Knowledge;

/// <summary>Waits for a tenant's documents whose ingestion has not reached a final status.</summary>
internal static class UnfinishedDocuments
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Polls the <c>documents</c> table until none of the tenant's documents is queued, parsing or embedding, and
    /// returns the number still unfinished when <paramref name="timeout"/> ran out, or 0.
    /// </summary>
    public static async Task<long> WaitAsync(NpgsqlDataSource dataSource, Guid tenantId, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var unfinished = await CountAsync(dataSource, tenantId);
            if (unfinished == 0 || DateTime.UtcNow >= deadline)
            {
                return unfinished;
            }

            await Task.Delay(PollInterval);
        }
    }

    private static async Task<long> CountAsync(NpgsqlDataSource dataSource, Guid tenantId)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT count(*) FROM documents d JOIN knowledge_bases k ON k.id = d.knowledge_base_id
            WHERE k.tenant_id = $1 AND d.status IN ('queued', 'parsing', 'embedding')
            """);
        command.Parameters.Add(new() { Value = tenantId });
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
