namespace VoiceHelper.Speech.Recognition;

/// <summary>Per-request settings of recognition.</summary>
/// <param name="Language">
/// The language as a BCP 47 tag such as <c>en</c>, or null for the engine's default. PocketSphinx has only a US
/// English model and rejects other languages.
/// </param>
/// <param name="Prompt">Text that the audio may continue, which remote engines use as context; PocketSphinx ignores it.</param>
public sealed record RecognitionOptions(string? Language = null, string? Prompt = null)
{
    /// <summary>Options with every setting at the engine's default.</summary>
    public static RecognitionOptions Default { get; } = new();
}
