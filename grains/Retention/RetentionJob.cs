using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VoiceHelper.Grains.Logging;
using VoiceHelper.Grains.Persistence;

namespace VoiceHelper.Grains.Retention;

/// <summary>
/// Deletes what is past its retention window: usage events, conversations marked deleted, and stored voice-turn
/// audio. Each kind is deleted in batches of <see cref="RetentionOptions.BatchSize"/> rows until a batch comes back
/// short. The windows count back from the time the run starts.
/// </summary>
public sealed class RetentionJob(
    PostgresRetentionStore store,
    IOptions<RetentionOptions> options,
    ILogger<RetentionJob> logger)
{
    /// <summary>
    /// Runs the job once with <paramref name="now"/> as the time the windows count back from, and logs and returns
    /// the counts. Rows deleted by batches before a failure or cancellation stay deleted.
    /// </summary>
    public async Task<RetentionRunResult> RunAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var timer = Stopwatch.StartNew();
        GrainLog.RetentionRunStarted(logger, settings.UsageEvents, settings.DeletedConversations, settings.RawAudio);
        try
        {
            var usageEvents = await DeleteAllAsync(store.DeleteUsageEventsAsync, now - settings.UsageEvents, cancellationToken);
            var (conversations, turns) = await PurgeConversationsAsync(now - settings.DeletedConversations, cancellationToken);
            var voiceAudio = await DeleteAllAsync(store.DeleteVoiceAudioAsync, now - settings.RawAudio, cancellationToken);

            var result = new RetentionRunResult(now, timer.Elapsed, usageEvents, conversations, turns, voiceAudio);
            GrainLog.RetentionRunCompleted(logger, usageEvents, conversations, turns, voiceAudio,
                (long)result.Duration.TotalMilliseconds);
            RetentionMetrics.Completed(result);
            return result;
        }
        catch (Exception exception)
        {
            GrainLog.RetentionRunFailed(logger, (long)timer.Elapsed.TotalMilliseconds, exception);
            RetentionMetrics.Failed(timer.Elapsed);
            throw;
        }
    }

    private async Task<long> DeleteAllAsync(
        Func<DateTimeOffset, int, CancellationToken, Task<long>> deleteBatch, DateTimeOffset cutoff,
        CancellationToken cancellationToken)
    {
        var batchSize = options.Value.BatchSize;
        long total = 0;
        long deleted;
        do
        {
            deleted = await deleteBatch(cutoff, batchSize, cancellationToken);
            total += deleted;
        }
        while (deleted == batchSize);

        return total;
    }

    private async Task<(long Conversations, long Turns)> PurgeConversationsAsync(
        DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var batchSize = options.Value.BatchSize;
        long conversations = 0;
        long turns = 0;
        while (true)
        {
            var batch = await store.PurgeDeletedConversationsAsync(cutoff, batchSize, cancellationToken);
            conversations += batch.Conversations;
            turns += batch.Turns;
            if (batch.Conversations < batchSize)
            {
                return (conversations, turns);
            }
        }
    }
}
