namespace VoiceHelper.Inference.Onnx;

/// <summary>The ONNX Runtime execution provider that runs a model.</summary>
public enum ExecutionProvider
{
    /// <summary>The CPU provider, present in every ONNX Runtime build.</summary>
    Cpu,

    /// <summary>
    /// The CUDA provider on an NVIDIA GPU. It needs the CUDA build of ONNX Runtime (build with
    /// <c>-p:OnnxRuntimeGpu=true</c>, Linux x64 only) and the CUDA and cuDNN libraries that this ONNX Runtime release
    /// requires. The CUDA build of 1.32.0 loads CUDA 13 libraries such as libcublasLt.so.13. Operators that CUDA does
    /// not implement run on the CPU provider.
    /// </summary>
    Cuda,
}
