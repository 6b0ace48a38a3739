using Microsoft.ML.OnnxRuntime;

namespace VoiceHelper.Inference.Onnx;

/// <summary>Creates ONNX Runtime sessions with the execution provider and threads of <see cref="OnnxSessionOptions"/>.</summary>
public static class OnnxSessionFactory
{
    private const string CudaProviderName = "CUDAExecutionProvider";

    /// <summary>Whether the loaded ONNX Runtime build contains the CUDA execution provider.</summary>
    /// <remarks>True means that the provider is compiled in. It can still fail to start without a GPU or CUDA libraries.</remarks>
    public static bool IsCudaBuild => OrtEnv.Instance().GetAvailableProviders().Contains(CudaProviderName);

    /// <summary>Loads the ONNX model at <paramref name="modelPath"/> into a new session.</summary>
    /// <exception cref="FileNotFoundException">The model file does not exist.</exception>
    /// <exception cref="InvalidOperationException">The execution provider is unavailable or ONNX Runtime rejects the model.</exception>
    public static InferenceSession Create(string modelPath, OnnxSessionOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelPath);
        ArgumentNullException.ThrowIfNull(options);
        if (!File.Exists(modelPath))
        {
            throw new FileNotFoundException($"ONNX model file '{modelPath}' does not exist.", modelPath);
        }

        using var sessionOptions = CreateSessionOptions(options);
        try
        {
            return new InferenceSession(modelPath, sessionOptions);
        }
        catch (OnnxRuntimeException exception)
        {
            throw new InvalidOperationException(
                $"ONNX Runtime failed to create a session for '{modelPath}' with the {options.ExecutionProvider} execution provider: " +
                $"{Sentence(exception.Message)}", exception);
        }
    }

    /// <summary>Translates <paramref name="options"/> into ONNX Runtime session options, which the caller disposes.</summary>
    /// <exception cref="InvalidOperationException">The CUDA execution provider was requested but cannot be used.</exception>
    public static SessionOptions CreateSessionOptions(OnnxSessionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var sessionOptions = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            IntraOpNumThreads = options.IntraOpThreads,
        };
        try
        {
            sessionOptions.AddSessionConfigEntry("session.intra_op.allow_spinning", options.AllowSpinning ? "1" : "0");
            if (options.ExecutionProvider == ExecutionProvider.Cuda)
            {
                AppendCuda(sessionOptions, options.CudaDeviceId);
            }

            return sessionOptions;
        }
        catch
        {
            sessionOptions.Dispose();
            throw;
        }
    }

    private static void AppendCuda(SessionOptions sessionOptions, int deviceId)
    {
        var environment = OrtEnv.Instance();
        var available = environment.GetAvailableProviders();
        if (!available.Contains(CudaProviderName))
        {
            throw new InvalidOperationException(
                $"ExecutionProvider is Cuda, but ONNX Runtime {environment.GetVersionString()} in this build has no CUDA " +
                $"execution provider (available: {string.Join(", ", available)}). Build with -p:OnnxRuntimeGpu=true " +
                "on Linux x64 to use the CUDA build, or set ExecutionProvider to Cpu.");
        }

        try
        {
            sessionOptions.AppendExecutionProvider_CUDA(deviceId);
        }
        catch (OnnxRuntimeException exception)
        {
            throw new InvalidOperationException(
                $"The CUDA execution provider of ONNX Runtime {environment.GetVersionString()} failed to start on device " +
                $"{deviceId}: {Sentence(exception.Message)} Check that the GPU is visible and that the CUDA and cuDNN libraries " +
                "this release requires are on the library path, or set ExecutionProvider to Cpu.", exception);
        }
    }

    /// <summary>Ends an ONNX Runtime message with a period, because its messages often lack one.</summary>
    private static string Sentence(string message)
    {
        var trimmed = message.TrimEnd();
        return trimmed.EndsWith('.') ? trimmed : trimmed + ".";
    }
}
