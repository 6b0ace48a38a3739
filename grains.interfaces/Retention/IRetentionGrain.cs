using Orleans.Concurrency;

namespace VoiceHelper.Grains.Retention;

/// <summary>
/// The retention job of the cluster. Only the grain with key 0 is used, so the job runs on one silo at a time
/// whatever the number of silos.
/// </summary>
[Alias("VoiceHelper.IRetentionGrain")]
public interface IRetentionGrain : IGrainWithIntegerKey
{
    /// <summary>The key of the one retention grain of a cluster.</summary>
    const long ClusterKey = 0;

    /// <summary>
    /// Activates the grain, which starts its timer when <c>Retention:Enabled</c> is true. Every silo calls this
    /// periodically, so the schedule continues on another silo after the one that ran it stops.
    /// </summary>
    [Alias("EnsureScheduled"), AlwaysInterleave]
    Task EnsureScheduledAsync();

    /// <summary>Runs the job now, whatever the schedule, and returns what it deleted.</summary>
    [Alias("Run")]
    Task<RetentionRunResult> RunAsync();

    /// <summary>Returns the result of the last finished run, or null before the first one.</summary>
    [Alias("GetLastRun"), AlwaysInterleave]
    Task<RetentionRunResult?> GetLastRunAsync();
}
