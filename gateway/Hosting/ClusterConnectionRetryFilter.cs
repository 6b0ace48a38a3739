using VoiceHelper.Gateway.Logging;

namespace VoiceHelper.Gateway.Hosting;

/// <summary>
/// Keeps the Orleans client trying to connect, waiting one more second per failed attempt up to five, so a
/// gateway started before its silos comes up on its own.
/// </summary>
public sealed class ClusterConnectionRetryFilter(ILogger<ClusterConnectionRetryFilter> logger) : IClientConnectionRetryFilter
{
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(5);
    private int _attempts;

    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        var attempt = Interlocked.Increment(ref _attempts);
        var delay = TimeSpan.FromSeconds(Math.Min(attempt, MaxDelay.TotalSeconds));
        GatewayLog.ClusterConnectRetry(logger, attempt, delay, exception);
        await Task.Delay(delay, cancellationToken);
        return true;
    }
}
