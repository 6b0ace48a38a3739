namespace VoiceHelper.Knowledge.Answering;

/// <summary>Which implementation of <see cref="IAnswerGenerator"/> answers questions.</summary>
public enum AnswererKind
{
    /// <summary><see cref="ExtractiveAnswerer"/>: quotes sentences of the passages, offline. The default.</summary>
    Extractive = 0,

    /// <summary><see cref="OpenAIAnswerer"/>: an OpenAI-compatible chat completions endpoint writes the answer.</summary>
    OpenAI = 1,
}
