using System.Text;
using System.Text.RegularExpressions;

namespace VoiceHelper.Knowledge.Answering;

/// <summary>
/// A deterministic rewriter: a short question that refers back ("that", "it", "the same") or has few words of its own
/// gets the topic of the conversation's recent user questions appended. The topic is carried from question to
/// question, so it survives a chain of follow-ups.
/// </summary>
/// <remarks>
/// <para>
/// A topic is an action and a subject. The action is the verb that follows "I", "you", "we" or "to" ("how do I
/// <em>create</em> an index"); the subject is the other words of the question that are not stop words or words of
/// reference, with runs of upper-case words such as SQL keywords first. A follow-up with an action of its own ("and
/// how do I remove it?") gets only the subject appended, because the earlier action would pull retrieval back to the
/// earlier question; one without gets both.
/// </para>
/// <para>
/// A follow-up that refers back ("it") is about the same subject, so its other words ("if it gets corrupted") are
/// details of that question and are not carried further; a short follow-up that does not ("what about
/// concurrently?") adds its words to the subject. The rewrite never removes words, so a question that needs no
/// context loses nothing. It reads user turns only, because an answer's quoted passages carry many words off the
/// topic.
/// </para>
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

    // Words after which the next word is usually the verb of the question: "how do I drop", "a way to drop".
    private static readonly HashSet<string> ActionLeads = new(StringComparer.OrdinalIgnoreCase) { "i", "you", "we", "to" };

    // Object pronouns: the word before one is usually a verb acting on the earlier subject ("and restore it?").
    private static readonly HashSet<string> ObjectPronouns = new(StringComparer.OrdinalIgnoreCase) { "it", "them" };

    // Verbs that ask about the subject instead of naming something to do with it, so they never replace an action.
    private static readonly HashSet<string> AskingVerbs = new(StringComparer.OrdinalIgnoreCase)
    {
        "explain", "describe", "mean", "clarify", "elaborate", "summarize", "summarise",
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
        // Particles of phrasal verbs ("back up", "clean out") carry no topic.
        "up", "down", "out", "off",
    };

    /// <inheritdoc />
    public Task<string> RewriteAsync(
        string question, IReadOnlyList<ConversationTurnText> history, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(history);

        var earlier = history.Where(turn => turn.FromUser).TakeLast(_options.MaxEarlierQuestions);
        var topic = Topic.None;
        foreach (var turn in earlier)
        {
            topic = Advance(turn.Text, topic);
        }

        return Task.FromResult(Rewrite(question, topic));
    }

    private string Rewrite(string question, Topic topic)
    {
        var words = Words(question);
        if (topic.IsEmpty || !NeedsContext(words))
        {
            return question;
        }

        IReadOnlyList<string> context =
            ActionOf(words) is null && topic.Action is { } action ? [action, .. topic.Subject] : topic.Subject;
        var present = new HashSet<string>(words, StringComparer.OrdinalIgnoreCase);
        var added = context.Where(word => !present.Contains(word)).ToList();
        if (added.Count == 0)
        {
            return question;
        }

        var rewritten = new StringBuilder(question.TrimEnd());
        rewritten.Append(' ').AppendJoin(' ', added);
        return rewritten.ToString();
    }

    // Returns the topic that the next question inherits after this one.
    private Topic Advance(string question, Topic topic)
    {
        var words = Words(question);
        var action = ActionOf(words);
        if (topic.IsEmpty || !NeedsContext(words))
        {
            return new Topic(action, SubjectOf(question, words, action));
        }

        var subject = words.Any(ReferenceWords.Contains)
            ? topic.Subject
            : SubjectOf(question, words, action).Concat(topic.Subject).Distinct(StringComparer.OrdinalIgnoreCase)
                .Take(_options.MaxTopicWords).ToList();
        return new Topic(action ?? topic.Action, subject);
    }

    private bool NeedsContext(IReadOnlyList<string> words)
    {
        // A long question that says "it" usually names what "it" is itself.
        var contentWords = words.Count(IsContentWord);
        return contentWords < _options.MinStandaloneWords
            || (contentWords <= _options.MaxReferringWords && words.Any(ReferenceWords.Contains));
    }

    // Returns the question's verb: the first content word after "I", "you", "we" or "to", skipping adverbs such as
    // "safely", or else a content word right before "it" or "them". Returns null when there is none.
    private static string? ActionOf(IReadOnlyList<string> words)
    {
        for (var i = 0; i < words.Count - 1; i++)
        {
            if (!ActionLeads.Contains(words[i]))
            {
                continue;
            }

            var next = i + 1;
            while (next < words.Count - 1 && IsAdverb(words[next]))
            {
                next++;
            }

            if (IsAction(words[next]))
            {
                return words[next];
            }
        }

        for (var i = 0; i < words.Count - 1; i++)
        {
            if (ObjectPronouns.Contains(words[i + 1]) && IsAction(words[i]))
            {
                return words[i];
            }
        }

        return null;
    }

    // The content words of a question other than its action, upper-case runs first (they name commands and
    // options), at most the configured count, without repeats.
    private List<string> SubjectOf(string question, IReadOnlyList<string> words, string? action)
    {
        var upperRuns = UpperCaseRun().Matches(question).Select(match => match.Value);
        var content = words.Where(IsContentWord);
        return upperRuns
            .SelectMany(run => run.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Concat(content)
            .Where(word => !string.Equals(word, action, StringComparison.OrdinalIgnoreCase))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Take(_options.MaxTopicWords)
            .ToList();
    }

    private static bool IsAction(string word) => IsContentWord(word) && !AskingVerbs.Contains(word);

    private static bool IsAdverb(string word) => word.Length > 3 && word.EndsWith("ly", StringComparison.OrdinalIgnoreCase);

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

    /// <summary>What a conversation is about: the latest action asked about, if any, and its subject words.</summary>
    private sealed record Topic(string? Action, IReadOnlyList<string> Subject)
    {
        public static readonly Topic None = new(null, []);

        public bool IsEmpty => Action is null && Subject.Count == 0;
    }
}
