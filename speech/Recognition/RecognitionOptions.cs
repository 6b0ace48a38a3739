namespace VoiceHelper.Speech.Recognition;

/// <summary>Per-request settings of recognition.</summary>
/// <param name="Language">
/// The language as a BCP 47 tag such as <c>en</c>, or null for the engine's default. PocketSphinx has only a US
/// English model and rejects other languages.
/// </param>
/// <param name="Prompt">Text that the audio may continue, which remote engines use as context; PocketSphinx ignores it.</param>
/// <param name="Vocabulary">
/// Example text of the domain, such as a knowledge base's passages, that PocketSphinx favours; remote engines
/// ignore it.
/// </param>
public sealed record RecognitionOptions(string? Language = null, string? Prompt = null, RecognitionVocabulary? Vocabulary = null)
{
    /// <summary>Options with every setting at the engine's default.</summary>
    public static RecognitionOptions Default { get; } = new();
}

/// <summary>
/// Domain text for biased recognition. <see cref="Id"/> names this exact text: engines cache what they build from it
/// under the id, so a changed text needs a new id, for example one that includes a version.
/// </summary>
/// <param name="Id">A stable name of this text, such as a knowledge base id and its last change.</param>
/// <param name="Texts">Sentences or passages of the domain.</param>
public sealed record RecognitionVocabulary(string Id, IReadOnlyList<string> Texts);
