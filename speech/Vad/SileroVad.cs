using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.ML.OnnxRuntime;
using VoiceHelper.Inference.Models;
using VoiceHelper.Inference.Onnx;
using VoiceHelper.Speech.Logging;

namespace VoiceHelper.Speech.Vad;

/// <summary>
/// One ONNX Runtime session of Silero VAD v5 that serves any number of audio streams. Each stream, created by
/// <see cref="CreateStream"/>, keeps its own recurrent state and context; the session is shared and thread-safe.
/// </summary>
public sealed class SileroVad : IDisposable
{
    internal const string InputName = "input";
    internal const string StateName = "state";
    internal const string SampleRateName = "sr";
    internal const string OutputName = "output";
    internal const string StateOutputName = "stateN";

    private readonly ILogger _logger;
    private readonly string _modelFolder;

    /// <summary>Loads the model. Checks its SHA-256 first unless <see cref="SileroVadOptions.VerifyChecksum"/> is false.</summary>
    /// <exception cref="FileNotFoundException">The model file is missing: run <c>build.ps1 setup</c>.</exception>
    /// <exception cref="InvalidDataException">The model file's SHA-256 differs from the recorded one.</exception>
    public SileroVad(SileroVadOptions options, ILogger<SileroVad>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _logger = logger ?? NullLogger<SileroVad>.Instance;
        _modelFolder = options.ModelFolder ?? SileroVadModel.DefaultFolder;
        var modelPath = Path.Combine(_modelFolder, SileroVadModel.Network.Name);
        if (!File.Exists(modelPath))
        {
            throw new FileNotFoundException(
                $"Silero VAD model '{modelPath}' is missing. Run 'dotnet pwsh ./build.ps1 setup', which fetches it with npm, " +
                $"and build again, or set {SileroVadOptions.SectionName}:ModelFolder to a folder that contains it.", modelPath);
        }

        var watch = Stopwatch.StartNew();
        if (options.VerifyChecksum)
        {
            ModelFolder.Verify(_modelFolder, [SileroVadModel.Network]);
        }

        Session = OnnxSessionFactory.Create(modelPath, options.Session);
        CheckSignature(Session, modelPath);
        SpeechLog.VadStarted(_logger, _modelFolder, options.Session.ExecutionProvider.ToString(), watch.ElapsedMilliseconds);
    }

    /// <summary>The shared session, for benchmarks that run the bare model.</summary>
    internal InferenceSession Session { get; }

    /// <summary>Starts a stream with fresh state. Dispose it when the audio ends.</summary>
    public SileroVadStream CreateStream() => new(this);

    /// <summary>
    /// Returns the speech probability of each 32 ms window of a whole clip of 16 kHz samples, in order. A last
    /// partial window is padded with silence.
    /// </summary>
    public float[] ComputeProbabilities(ReadOnlySpan<float> samples)
    {
        using var stream = CreateStream();
        var probabilities = new List<float>(samples.Length / SileroVadModel.WindowSamples + 1);
        stream.Process(samples, probabilities);
        stream.Flush(probabilities);
        return [.. probabilities];
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Session.Dispose();
        SpeechLog.VadStopped(_logger, _modelFolder);
    }

    private static void CheckSignature(InferenceSession session, string modelPath)
    {
        string[] inputs = [InputName, StateName, SampleRateName];
        string[] outputs = [OutputName, StateOutputName];
        var missing = inputs.Where(name => !session.InputMetadata.ContainsKey(name))
            .Concat(outputs.Where(name => !session.OutputMetadata.ContainsKey(name)))
            .ToList();
        if (missing.Count > 0)
        {
            session.Dispose();
            throw new InvalidDataException(
                $"'{modelPath}' is not Silero VAD v5: it lacks the tensors {string.Join(", ", missing)}. Its inputs are " +
                $"{string.Join(", ", session.InputMetadata.Keys)} and its outputs {string.Join(", ", session.OutputMetadata.Keys)}.");
        }
    }
}
