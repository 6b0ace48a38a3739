using Npgsql;

namespace VoiceHelper.Integration.Tests.Infrastructure;

/// <summary>
/// Holds back every knowledge search of the services under test: a transaction that locks the <c>chunks</c> table,
/// which full-text search reads, until it is disposed. An answer started meanwhile stays in retrieval, so a test
/// can disconnect, cancel or crash a silo at a known point without waiting on a clock.
/// </summary>
public sealed class RetrievalLock : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;

    private RetrievalLock(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        _connection = connection;
        _transaction = transaction;
    }

    /// <summary>Takes the lock, failing after 10 seconds when another transaction holds the table.</summary>
    public static async Task<RetrievalLock> AcquireAsync(NpgsqlDataSource dataSource)
    {
        var connection = await dataSource.OpenConnectionAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand(
            "SET LOCAL lock_timeout = '10s'; LOCK TABLE chunks IN ACCESS EXCLUSIVE MODE", connection, transaction);
        await command.ExecuteNonQueryAsync();
        return new RetrievalLock(connection, transaction);
    }

    public async ValueTask DisposeAsync()
    {
        await _transaction.RollbackAsync();
        await _transaction.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
