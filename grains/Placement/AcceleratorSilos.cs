using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Runtime.MembershipService.SiloMetadata;

namespace VoiceHelper.Grains.Placement;

/// <summary>
/// Which silos of the cluster advertise accelerators, read from their Orleans silo metadata
/// (<see cref="AcceleratorMetadata.DeviceCountKey"/>).
/// </summary>
/// <remarks>
/// The silo host publishes the metadata with <c>UseSiloMetadata</c>. Without it every silo counts as a CPU silo. A
/// silo that just joined counts as one too until its metadata reaches this silo, which takes one membership update.
/// </remarks>
public sealed class AcceleratorSilos
{
    private readonly IClusterMembershipService _membership;
    private readonly ISiloMetadataCache? _metadata;

    public AcceleratorSilos(IClusterMembershipService membership, IServiceProvider services)
    {
        _membership = membership;
        _metadata = services.GetService<ISiloMetadataCache>();
        LocalDeviceCount = AcceleratorMetadata.DeviceCount(services.GetService<IOptions<SiloMetadata>>()?.Value);
    }

    /// <summary>The accelerator devices that this silo advertises.</summary>
    public int LocalDeviceCount { get; }

    /// <summary>Returns the accelerator devices that <paramref name="silo"/> advertises, 0 when unknown.</summary>
    public int DeviceCount(SiloAddress silo) =>
        _metadata is null ? 0 : AcceleratorMetadata.DeviceCount(_metadata.GetSiloMetadata(silo));

    /// <summary>Whether an active silo of the cluster advertises an accelerator now.</summary>
    public bool AnyActive()
    {
        foreach (var member in _membership.CurrentSnapshot.Members.Values)
        {
            if (member.Status == SiloStatus.Active && DeviceCount(member.SiloAddress) > 0)
            {
                return true;
            }
        }

        return false;
    }
}
