using System.ComponentModel.DataAnnotations;

namespace VoiceHelper.Inference.Onnx;

/// <summary>Settings of an ONNX Runtime inference session.</summary>
public sealed class OnnxSessionOptions
{
    /// <summary>Execution provider that runs the model. Default: <see cref="ExecutionProvider.Cpu"/>.</summary>
    [EnumDataType(typeof(ExecutionProvider), ErrorMessage = "ExecutionProvider must be Cpu or Cuda.")]
    public ExecutionProvider ExecutionProvider { get; set; } = ExecutionProvider.Cpu;

    /// <summary>CUDA device ordinal used when <see cref="ExecutionProvider"/> is Cuda. Default: 0.</summary>
    [Range(0, 63, ErrorMessage = "CudaDeviceId must be between 0 and 63.")]
    public int CudaDeviceId { get; set; }

    /// <summary>
    /// Threads that one model run uses to compute an operator (ONNX Runtime's intra-op threads). Default: 0, which lets
    /// ONNX Runtime choose one per physical core. Each session has its own threads, so lower this when several sessions
    /// share a machine.
    /// </summary>
    [Range(0, 1024, ErrorMessage = "IntraOpThreads must be between 0 and 1024.")]
    public int IntraOpThreads { get; set; }

    /// <summary>
    /// Whether the intra-op threads spin while they wait for work instead of sleeping. Default: false. Spinning saves
    /// microseconds per operator when one caller has the cores to itself, but when several callers run the model at
    /// once, or other work shares the cores, the spinning threads take the CPU that the other runs need.
    /// </summary>
    public bool AllowSpinning { get; set; }
}
