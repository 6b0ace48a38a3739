using Npgsql;
using VoiceHelper.Grains.Persistence;

namespace VoiceHelper.Filters;

/// <summary>
/// Replaces Npgsql exceptions escaping a grain call with <see cref="StorageException"/>, because Orleans has no
/// codec for Npgsql's exception types and the caller would otherwise get an unrelated serialization error.
/// </summary>
public sealed partial class StorageExceptionFilter(ILogger<StorageExceptionFilter> logger) : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
        }
        catch (NpgsqlException exception)
        {
            var sqlState = (exception as PostgresException)?.SqlState;
            LogStorageFailed(logger, context.TargetId, context.MethodName, sqlState, exception);
            var transient = exception.IsTransient || exception is not PostgresException;
            throw new StorageException(
                transient
                    ? "The database is unavailable. Retry the request in a few seconds."
                    : $"The database rejected the request (SQLSTATE {sqlState}).",
                transient,
                sqlState);
        }
    }

    [LoggerMessage(4000, LogLevel.Error, "Grain {GrainId} failed in {Method} on a database error (SQLSTATE {SqlState})")]
    private static partial void LogStorageFailed(
        ILogger logger, GrainId grainId, string method, string? sqlState, Exception exception);
}
