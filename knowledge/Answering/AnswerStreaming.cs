using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace VoiceHelper.Knowledge.Answering;

/// <summary>An answer generator that produces the text piece by piece as it writes it.</summary>
public interface IStreamingAnswerGenerator : IAnswerGenerator
{
    /// <summary>
    /// Streams the answer to <paramref name="question"/>: pieces of text whose concatenation is the answer's text,
    /// then one update with the whole answer and its sources.
    /// </summary>
    IAsyncEnumerable<AnswerUpdate> StreamAnswerAsync(
        string question, IReadOnlyList<AnswerPassage> passages, CancellationToken cancellationToken = default);
}

/// <summary>One step of a streamed answer: a piece of text, or the finished answer in the last step.</summary>
public sealed record AnswerUpdate(string? Delta, GroundedAnswer? Final);

/// <summary>Streams the answer of any <see cref="IAnswerGenerator"/>.</summary>
public static partial class AnswerStreaming
{
    /// <summary>
    /// Streams the answer: natively when the generator implements <see cref="IStreamingAnswerGenerator"/>;
    /// otherwise the generator writes the whole answer first, on the thread pool, and its text is streamed one
    /// sentence at a time.
    /// </summary>
    public static async IAsyncEnumerable<AnswerUpdate> StreamAsync(
        this IAnswerGenerator generator,
        string question,
        IReadOnlyList<AnswerPassage> passages,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (generator is IStreamingAnswerGenerator streaming)
        {
            await foreach (var update in streaming.StreamAnswerAsync(question, passages, cancellationToken))
            {
                yield return update;
            }

            yield break;
        }

        var answer = await Task.Run(() => generator.AnswerAsync(question, passages, cancellationToken), cancellationToken);
        foreach (var sentence in SplitSentences(answer.Text))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return new AnswerUpdate(sentence, null);
        }

        yield return new AnswerUpdate(null, answer);
    }

    /// <summary>Splits text into sentences that keep their trailing white space, so they concatenate to the text.</summary>
    public static IEnumerable<string> SplitSentences(string text) =>
        SentencePiece().Matches(text).Select(match => match.Value);

    [GeneratedRegex(@".+?(?:[.!?]+(?:\s+|$)|$)", RegexOptions.Singleline)]
    private static partial Regex SentencePiece();
}
