namespace VoiceHelper.Knowledge.Answering;

/// <summary>Writes an answer to a question from retrieved passages, citing the passages it used.</summary>
public interface IAnswerGenerator
{
    /// <summary>
    /// Answers <paramref name="question"/> from <paramref name="passages"/> (best first). When the passages do not
    /// support an answer, the result says so and has no sources.
    /// </summary>
    Task<GroundedAnswer> AnswerAsync(
        string question, IReadOnlyList<AnswerPassage> passages, CancellationToken cancellationToken = default);
}
