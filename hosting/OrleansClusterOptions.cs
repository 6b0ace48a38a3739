using System.ComponentModel.DataAnnotations;

namespace VoiceHelper.Hosting;

/// <summary>
/// Where the Orleans cluster lives, read from the <c>Orleans</c> configuration section by silos and gateways.
/// </summary>
public sealed class OrleansClusterOptions
{
    public const string SectionName = "Orleans";

    /// <summary>The cluster that a silo joins or a gateway connects to. Default <c>voicehelper-dev</c>.</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9._-]{1,100}$", ErrorMessage =
        "Orleans:ClusterId must be 1 to 100 letters, digits, '.', '_' or '-'.")]
    public string ClusterId { get; set; } = "voicehelper-dev";

    /// <summary>
    /// The service whose grain state the cluster reads; keep it stable across deployments. Default <c>voicehelper</c>.
    /// </summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9._-]{1,100}$", ErrorMessage =
        "Orleans:ServiceId must be 1 to 100 letters, digits, '.', '_' or '-'.")]
    public string ServiceId { get; set; } = "voicehelper";

    /// <summary>The silo-to-silo port. Default 11111.</summary>
    [Range(1, 65535, ErrorMessage = "Orleans:SiloPort must be between 1 and 65535.")]
    public int SiloPort { get; set; } = 11111;

    /// <summary>The port that gateways (Orleans clients) connect to. Default 30000.</summary>
    [Range(1, 65535, ErrorMessage = "Orleans:GatewayPort must be between 1 and 65535.")]
    public int GatewayPort { get; set; } = 30000;

    /// <summary>
    /// The address that other silos and gateways use to reach this silo. Default <c>127.0.0.1</c>, which suits
    /// one machine; set the pod or host address in a cluster.
    /// </summary>
    [Required]
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    /// <summary>
    /// How long a silo waits for a probe response before counting a miss. Default 5 seconds; three misses declare a
    /// silo dead. Tests shorten it so a killed silo is replaced quickly.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00", ErrorMessage =
        "Orleans:ProbeTimeout must be between 00:00:00.100 and 00:01:00.")]
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How often a gateway refreshes its list of silo gateways. Default 10 seconds.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00", ErrorMessage =
        "Orleans:GatewayListRefreshPeriod must be between 00:00:00.100 and 00:10:00.")]
    public TimeSpan GatewayListRefreshPeriod { get; set; } = TimeSpan.FromSeconds(10);
}
