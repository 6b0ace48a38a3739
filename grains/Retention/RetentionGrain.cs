using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VoiceHelper.Grains.Logging;

namespace VoiceHelper.Grains.Retention;

/// <summary>
/// Runs the retention job on a grain timer. Orleans keeps one activation of a grain key in the cluster, so one silo
/// runs the job at a time, and the stored time of the last run keeps the interval across silo restarts.
/// </summary>
/// <remarks>
/// NOTE: while cluster membership changes, Orleans can briefly run two activations of one key. Two runs then delete
/// the same kind of rows at once, which is harmless because every delete is idempotent.
/// </remarks>
public sealed class RetentionGrain(
    [PersistentState("retention", StorageNames.Default)] IPersistentState<RetentionState> state,
    RetentionJob job,
    IOptions<RetentionOptions> options,
    TimeProvider clock,
    ILogger<RetentionGrain> logger) : Grain, IRetentionGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (settings.Enabled)
        {
            var dueTime = NextRunDelay(settings.Interval);
            this.RegisterGrainTimer(RunOnScheduleAsync, new GrainTimerCreationOptions
            {
                DueTime = dueTime,
                Period = settings.Interval,
                KeepAlive = true,
            });
            GrainLog.RetentionScheduled(logger, dueTime, settings.Interval);
        }

        return Task.CompletedTask;
    }

    public Task EnsureScheduledAsync() => Task.CompletedTask;

    public Task<RetentionRunResult?> GetLastRunAsync() => Task.FromResult(state.State.LastRun);

    public async Task<RetentionRunResult> RunAsync()
    {
        var result = await job.RunAsync(clock.GetUtcNow(), CancellationToken.None);
        state.State.LastRun = result;
        await state.WriteStateAsync();
        return result;
    }

    private async Task RunOnScheduleAsync(CancellationToken cancellationToken)
    {
        try
        {
            var result = await job.RunAsync(clock.GetUtcNow(), cancellationToken);
            state.State.LastRun = result;
            await state.WriteStateAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is Npgsql.NpgsqlException or OperationCanceledException)
        {
            // The job logged the failure. The timer tries again after the interval.
        }
    }

    private TimeSpan NextRunDelay(TimeSpan interval)
    {
        if (state.State.LastRun is not { } last)
        {
            return TimeSpan.Zero;
        }

        var delay = last.StartedAt + interval - clock.GetUtcNow();
        return delay > TimeSpan.Zero ? delay : TimeSpan.Zero;
    }
}
