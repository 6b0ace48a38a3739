namespace VoiceHelper.Knowledge.Answering;

/// <summary>
/// The choice of answerer, read from the <c>Knowledge:Answering</c> configuration section.
/// <see cref="AnswererOptionsValidator"/> checks it at start-up. The settings of the extractive answerer live in the
/// same section (<see cref="ExtractiveAnswererOptions"/>).
/// </summary>
public sealed class AnswererOptions
{
    public const string SectionName = "Knowledge:Answering";

    /// <summary>The default of <see cref="NoAnswerText"/>.</summary>
    public const string DefaultNoAnswerText = "I could not find an answer to that in the knowledge base.";

    /// <summary>The implementation. Default <see cref="AnswererKind.Extractive"/>.</summary>
    public AnswererKind Kind { get; set; } = AnswererKind.Extractive;

    /// <summary>
    /// The text of an answer when the passages do not support one. Default <see cref="DefaultNoAnswerText"/>.
    /// Both answerers read this key.
    /// </summary>
    public string NoAnswerText { get; set; } = DefaultNoAnswerText;

    /// <summary>The chat completions settings, used when <see cref="Kind"/> is <see cref="AnswererKind.OpenAI"/>.</summary>
    public OpenAIAnswererOptions OpenAI { get; set; } = new();
}
