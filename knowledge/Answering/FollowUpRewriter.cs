using System.Text;
using System.Text.RegularExpressions;

namespace VoiceHelper.Knowledge.Answering;

/// <summary>
/// A deterministic rewriter: a short question that refers back ("that", "it", "the same") or has few words of its own
/// gets the topic words of the conversation's recent user questions appended, where each earlier question was
/// rewritten the same way first, so a topic carries through a chain of follow-ups.
/// </summary>
/// <remarks>
/// Topic words are the words of a question that are not stop words or words of reference, plus runs of
/// upper-case words such as SQL keywords. The rewrite never removes words, so a question that needs no context
/// loses nothing. It reads user turns only, because an answer's quoted passages carry many words off the topic.
/// </remarks>
public sealed partial class FollowUpRewriter(FollowUpRewriterOptions? options = null) : IQuestionRewriter
{
    private readonly FollowUpRewriterOptions _options = options ?? new FollowUpRewriterOptions();

    // Words that point back to something said earlier.
    private static readonly HashSet<string> ReferenceWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "it", "its", "itself", "that", "this", "these", "those", "they", "them", "their", "there", "then", "one",
        "ones", "same", "such", "former", "latter", "above", "previous", "also", "instead", "else", "again",
        "undo", "revert", "reverse", "opposite", "more", "other", "another",
    };

    private static readonly HashSet<string> StopWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "about", "after", "all", "am", "an", "and", "any", "are", "as", "at", "be", "been", "before", "being",
        "but", "by", "can", "could", "did", "do", "does", "doing", "done", "for", "from", "get", "got", "had", "has",
        "have", "how", "i", "if", "in", "into", "is", "just", "know", "let", "like", "may", "me", "might", "much",
        "must", "my", "need", "no", "not", "now", "of", "on", "or", "our", "please", "should", "so", "some", "tell",
        "than", "the", "to", "too", "us", "use", "using", "very", "want", "was", "way", "we", "were", "what", "when",
        "where", "which", "while", "who", "whom", "why", "will", "with", "would", "you", "your", "yes", "ok", "okay",
        "thanks", "thank", "what's", "how's", "i'm", "don't", "doesn't", "can't", "it's", "that's",
    };

    /// <inheritdoc />
    public Task<string> RewriteAsync(
        string question, IReadOnlyList<ConversationTurnText> history, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(history);

        var earlier = history.Where(turn => turn.FromUser).TakeLast(_options.MaxEarlierQuestions).ToList();
        var topic = new List<string>();
        foreach (var turn in earlier)
        {
            topic = TopicOf(Rewrite(turn.Text, topic));
        }

        return Task.FromResult(Rewrite(question, topic));
    }

    private string Rewrite(string question, IReadOnlyList<string> topic)
    {
        var words = Words(question);
        if (topic.Count == 0 || !NeedsContext(words))
        {
            return question;
        }

        var present = new HashSet<string>(words, StringComparer.OrdinalIgnoreCase);
        var added = topic.Where(word => !present.Contains(word)).ToList();
        if (added.Count == 0)
        {
            return question;
        }

        var rewritten = new StringBuilder(question.TrimEnd());
        rewritten.Append(' ').AppendJoin(' ', added);
        return rewritten.ToString();
    }

    private bool NeedsContext(IReadOnlyList<string> words)
    {
        // A long question that says "it" usually names what "it" is itself.
        var contentWords = words.Count(IsContentWord);
        return contentWords < _options.MinStandaloneWords
            || (contentWords <= _options.MaxReferringWords && words.Any(ReferenceWords.Contains));
    }

    // The content words of a question, upper-case runs first (they name commands and options), at most the
    // configured count, without repeats.
    private List<string> TopicOf(string question)
    {
        var upperRuns = UpperCaseRun().Matches(question).Select(match => match.Value);
        var content = Words(question).Where(IsContentWord);
        return upperRuns
            .SelectMany(run => run.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Concat(content)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Take(_options.MaxTopicWords)
            .ToList();
    }

    private static bool IsContentWord(string word) =>
        word.Length > 1 && !StopWords.Contains(word) && !ReferenceWords.Contains(word);

    private static List<string> Words(string text) =>
        WordPattern().Matches(text).Select(match => match.Value).ToList();

    // Letters and digits, with inner apostrophes, underscores, dots and hyphens: "pg_dump", "don't", "max-width".
    [GeneratedRegex(@"[\p{L}\p{N}]+(?:['_.\-][\p{L}\p{N}]+)*")]
    private static partial Regex WordPattern();

    // Two or more upper-case words in a row, such as "CREATE INDEX" or "ALTER TABLE".
    [GeneratedRegex(@"\b[A-Z][A-Z_]+(?:\s+[A-Z][A-Z_]+)+\b")]
    private static partial Regex UpperCaseRun();
}
