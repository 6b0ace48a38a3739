using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace VoiceHelper.Gateway.Hosting;

/// <summary>Healthy when the gateway's Orleans client reaches the cluster and it has an active silo.</summary>
public sealed class ClusterHealthCheck(IClusterClient cluster, ClusterClientReadiness readiness) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(
        HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!readiness.IsConnected)
        {
            return HealthCheckResult.Unhealthy("The gateway has not connected to the Orleans cluster yet.");
        }

        try
        {
            var hosts = await cluster.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)
                .WaitAsync(cancellationToken);
            return hosts.Count > 0
                ? HealthCheckResult.Healthy($"{hosts.Count} active silo(s).")
                : HealthCheckResult.Unhealthy("The cluster has no active silo.");
        }
        catch (Exception exception) when (exception is OrleansException or TimeoutException or InvalidOperationException
            or OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The Orleans cluster did not answer.", exception);
        }
    }
}
