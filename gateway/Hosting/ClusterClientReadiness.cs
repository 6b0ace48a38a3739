using VoiceHelper.Gateway.Errors;

namespace VoiceHelper.Gateway.Hosting;

/// <summary>
/// Whether the Orleans client has connected. Until it has, the client cannot even resolve grain interfaces, so
/// API calls get a retryable 503 instead of failing inside Orleans. The host starts its services concurrently and
/// signals <see cref="IHostApplicationLifetime.ApplicationStarted"/> only after the client's start has finished,
/// which is when it has connected.
/// </summary>
public sealed class ClusterClientReadiness
{
    private volatile bool _connected;

    public ClusterClientReadiness(IHostApplicationLifetime lifetime) =>
        lifetime.ApplicationStarted.Register(() => _connected = true);

    public bool IsConnected => _connected;

    /// <summary>Throws a 503 problem while the client has not connected.</summary>
    public void ThrowIfNotConnected()
    {
        if (!_connected)
        {
            throw new ApiProblemException(StatusCodes.Status503ServiceUnavailable, ProblemCodes.ClusterUnavailable,
                "The gateway has not connected to the service cluster yet. Retry in a few seconds.");
        }
    }
}
