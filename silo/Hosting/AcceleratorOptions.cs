using System.ComponentModel.DataAnnotations;
using System.Globalization;
using VoiceHelper.Grains.Placement;

namespace VoiceHelper.Hosting;

/// <summary>
/// The GPUs that a silo offers, read from the <c>Silo:Accelerator</c> configuration section. The silo logs them at
/// start and advertises them to the cluster as Orleans silo metadata under <see cref="DeviceCountMetadataKey"/>, where
/// the accelerator placement of inference grains reads them.
/// </summary>
/// <remarks>
/// The ONNX Runtime execution provider is a separate setting, <c>Inference:Embeddings:Session:ExecutionProvider</c>:
/// a silo that advertises a GPU should also run its models on CUDA.
/// </remarks>
public sealed class AcceleratorOptions
{
    public const string SectionName = "Silo:Accelerator";

    /// <summary>The silo metadata key whose value is <see cref="DeviceCount"/> as a decimal number.</summary>
    public const string DeviceCountMetadataKey = AcceleratorMetadata.DeviceCountKey;

    /// <summary>The number of GPUs that this silo may use. Default 0, a CPU-only silo.</summary>
    [Range(0, 64, ErrorMessage = "Silo:Accelerator:DeviceCount must be between 0 and 64.")]
    public int DeviceCount { get; set; }

    /// <summary>Returns the silo metadata entries that advertise these settings.</summary>
    public Dictionary<string, string> ToSiloMetadata() => new()
    {
        [DeviceCountMetadataKey] = DeviceCount.ToString(CultureInfo.InvariantCulture),
    };
}
