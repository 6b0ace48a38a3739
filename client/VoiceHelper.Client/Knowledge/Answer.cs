namespace VoiceHelper.Client;

/// <summary>An answer to a question, with the passages it quotes.</summary>
/// <param name="Text">
/// The answer; when <paramref name="Answered"/> is false, a sentence saying that the documents do not answer the question.
/// </param>
/// <param name="Answered">Whether the documents answered the question.</param>
/// <param name="Sources">The passages that the answer quotes; empty when it was not answered.</param>
public sealed record Answer(string Text, bool Answered, IReadOnlyList<Citation> Sources);
