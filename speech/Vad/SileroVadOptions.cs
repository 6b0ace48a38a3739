using System.ComponentModel.DataAnnotations;
using VoiceHelper.Inference.Onnx;

namespace VoiceHelper.Speech.Vad;

/// <summary>Settings of <see cref="SileroVad"/>, read from <c>Speech:Vad</c>.</summary>
public sealed class SileroVadOptions
{
    public const string SectionName = "Speech:Vad";

    /// <summary>
    /// The folder that contains <c>silero_vad_v5.onnx</c>. Default: <see cref="SileroVadModel.DefaultFolder"/>, which
    /// the build fills after <c>build.ps1 setup</c> has fetched the model.
    /// </summary>
    public string? ModelFolder { get; set; }

    /// <summary>Whether to check the model's SHA-256 when the detector starts. Default true.</summary>
    public bool VerifyChecksum { get; set; } = true;

    /// <summary>
    /// The ONNX Runtime session. Default: CPU with one intra-op thread, because a 32 ms window costs well under a
    /// millisecond and many streams run in parallel on the thread pool instead.
    /// </summary>
    [Required]
    public OnnxSessionOptions Session { get; set; } = new() { IntraOpThreads = 1 };
}
