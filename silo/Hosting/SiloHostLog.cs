namespace VoiceHelper.Hosting;

/// <summary>Log messages of the silo process itself.</summary>
internal static partial class SiloHostLog
{
    // 4100-4199: silo hosting. 4000-4099 belong to the grain call filters.
    [LoggerMessage(4100, LogLevel.Information,
        "Silo starting with {DeviceCount} accelerator device(s); Kubernetes hosting enabled: {KubernetesHosting}")]
    public static partial void SiloStarting(ILogger logger, int deviceCount, bool kubernetesHosting);
}
