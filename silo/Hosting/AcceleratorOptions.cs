using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace VoiceHelper.Hosting;

/// <summary>
/// The GPUs that a silo offers, read from the <c>Silo:Accelerator</c> configuration section. The silo logs them at
/// start and advertises them to the cluster as Orleans silo metadata under <see cref="DeviceCountMetadataKey"/>.
/// </summary>
/// <remarks>
/// NOTE: no grain placement reads this metadata yet, so inference grains still activate on any silo. The ONNX Runtime
/// execution provider is a separate setting, <c>Inference:Embeddings:Session:ExecutionProvider</c>.
/// </remarks>
public sealed class AcceleratorOptions
{
    public const string SectionName = "Silo:Accelerator";

    /// <summary>The silo metadata key whose value is <see cref="DeviceCount"/> as a decimal number.</summary>
    public const string DeviceCountMetadataKey = "voicehelper.accelerator.device-count";

    /// <summary>The number of GPUs that this silo may use. Default 0, a CPU-only silo.</summary>
    [Range(0, 64, ErrorMessage = "Silo:Accelerator:DeviceCount must be between 0 and 64.")]
    public int DeviceCount { get; set; }

    /// <summary>Returns the silo metadata entries that advertise these settings.</summary>
    public Dictionary<string, string> ToSiloMetadata() => new()
    {
        [DeviceCountMetadataKey] = DeviceCount.ToString(CultureInfo.InvariantCulture),
    };
}
