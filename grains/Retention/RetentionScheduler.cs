using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VoiceHelper.Grains.Logging;

namespace VoiceHelper.Grains.Retention;

/// <summary>
/// Keeps the retention grain active. Every silo runs one of these, so when the silo that hosts the grain stops, the
/// next call from another silo activates the grain there, and its timer resumes the schedule.
/// </summary>
public sealed class RetentionScheduler(
    IGrainFactory grains,
    IOptions<RetentionOptions> options,
    IHostApplicationLifetime lifetime,
    TimeProvider clock,
    ILogger<RetentionScheduler> logger) : BackgroundService
{
    /// <summary>The longest time between two calls to the grain, so a lost activation returns within it.</summary>
    public static readonly TimeSpan MaxCallInterval = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            GrainLog.RetentionDisabled(logger);
            return;
        }

        // Grain calls need the silo to have joined the cluster, which is done when the application has started.
        var started = new TaskCompletionSource();
        using var registration = lifetime.ApplicationStarted.Register(started.SetResult);
        await started.Task.WaitAsync(stoppingToken);

        var period = options.Value.Interval < MaxCallInterval ? options.Value.Interval : MaxCallInterval;
        using var timer = new PeriodicTimer(period, clock);
        do
        {
            try
            {
                await grains.GetGrain<IRetentionGrain>(IRetentionGrain.ClusterKey).EnsureScheduledAsync();
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                GrainLog.RetentionGrainUnreachable(logger, period, exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
