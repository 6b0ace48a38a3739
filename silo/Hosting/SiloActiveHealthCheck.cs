using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace VoiceHelper.Hosting;

/// <summary>Healthy when this silo has joined the cluster and is active in its membership table.</summary>
public sealed class SiloActiveHealthCheck(IClusterMembershipService membership, ILocalSiloDetails localSilo)
    : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(
        HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = membership.CurrentSnapshot.GetSiloStatus(localSilo.SiloAddress);
        var result = status == SiloStatus.Active
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy($"Silo {localSilo.SiloAddress} is {status}, not Active.");
        return Task.FromResult(result);
    }
}
