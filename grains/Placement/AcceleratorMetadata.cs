using System.Globalization;
using Orleans.Runtime.MembershipService.SiloMetadata;

namespace VoiceHelper.Grains.Placement;

/// <summary>The Orleans silo metadata through which a silo advertises its accelerators.</summary>
public static class AcceleratorMetadata
{
    /// <summary>The metadata key whose value is the silo's accelerator device count as a decimal number.</summary>
    public const string DeviceCountKey = "voicehelper.accelerator.device-count";

    /// <summary>Returns the device count that <paramref name="metadata"/> advertises, 0 when it has none.</summary>
    public static int DeviceCount(SiloMetadata? metadata) =>
        metadata is not null
        && metadata.Metadata.TryGetValue(DeviceCountKey, out var text)
        && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            ? count
            : 0;
}
