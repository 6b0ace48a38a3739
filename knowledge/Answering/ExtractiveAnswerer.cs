using VoiceHelper.Inference.Embeddings;
using VoiceHelper.Knowledge.Answering.Internal;

namespace VoiceHelper.Knowledge.Answering;

/// <summary>
/// The embedded, offline answerer: it picks the sentences of the retrieved passages that are closest in meaning to
/// the question, keeps their order in the passages, and quotes them as sources. It never writes words that are not
/// in the passages, so every answer is grounded; when no sentence is close enough it says it does not know.
/// </summary>
public sealed class ExtractiveAnswerer(ITextEmbedder embedder, ExtractiveAnswererOptions options) : IAnswerGenerator
{
    private const double PassageScoreWeight = 0.15;
    private const double SelectionMargin = 0.12;
    private const double DuplicateSimilarity = 0.92;

    public async Task<GroundedAnswer> AnswerAsync(
        string question, IReadOnlyList<AnswerPassage> passages, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(question);
        ArgumentNullException.ThrowIfNull(passages);

        var candidates = CollectCandidates(passages);
        if (candidates.Count == 0)
        {
            return NoAnswer();
        }

        var vectors = await embedder.EmbedAsync([question, .. candidates.Select(candidate => candidate.Text)], cancellationToken);
        for (var i = 0; i < candidates.Count; i++)
        {
            candidates[i].Vector = vectors[i + 1];
            candidates[i].Similarity = Dot(vectors[0], vectors[i + 1]);
        }

        var selected = Select(candidates);
        return selected.Count == 0 ? NoAnswer() : Compose(selected, passages);
    }

    private List<Candidate> CollectCandidates(IReadOnlyList<AnswerPassage> passages)
    {
        var candidates = new List<Candidate>();
        for (var passage = 0; passage < passages.Count && candidates.Count < options.MaxCandidates; passage++)
        {
            foreach (var sentence in PassageQuotes.Sentences(passages[passage].Text))
            {
                if (candidates.Count < options.MaxCandidates)
                {
                    candidates.Add(new Candidate(passage, sentence.Offset, sentence.Text, passages[passage].Score));
                }
            }
        }

        return candidates;
    }

    private List<Candidate> Select(List<Candidate> candidates)
    {
        var best = candidates.Max(candidate => candidate.Similarity);
        if (best < options.MinSimilarity)
        {
            return [];
        }

        var floor = Math.Max(options.MinSimilarity, best - SelectionMargin);
        var selected = new List<Candidate>();
        foreach (var candidate in candidates.OrderByDescending(candidate => candidate.Rank))
        {
            if (selected.Count == options.MaxSentences)
            {
                break;
            }

            if (candidate.Similarity >= floor && !selected.Any(chosen => IsDuplicate(chosen, candidate)))
            {
                selected.Add(candidate);
            }
        }

        return selected;
    }

    private static GroundedAnswer Compose(List<Candidate> selected, IReadOnlyList<AnswerPassage> passages)
    {
        var ordered = selected.OrderBy(candidate => candidate.Passage).ThenBy(candidate => candidate.Offset).ToList();
        var sources = ordered
            .GroupBy(candidate => candidate.Passage)
            .Select(group => PassageQuotes.Cite(passages[group.Key], group.Select(candidate => Closed(candidate.Text))))
            .ToList();
        return new GroundedAnswer(string.Join(" ", ordered.Select(candidate => Closed(candidate.Text))), true, sources);
    }

    // A heading such as "DROP INDEX — remove an index" has no closing mark, and would run into the next sentence of
    // the answer ("... remove an index To remove an index, ..."). It gets a period, in the answer and in its quote
    // alike, so that every quote is still part of the answer's text.
    private static string Closed(string sentence) =>
        char.IsLetterOrDigit(sentence[^1]) ? sentence + "." : sentence;

    private GroundedAnswer NoAnswer() => new(options.NoAnswerText, false, []);

    private static bool IsDuplicate(Candidate first, Candidate second) =>
        Dot(first.Vector, second.Vector) >= DuplicateSimilarity;

    // Both vectors have unit length, so their dot product is their cosine similarity.
    private static double Dot(float[] first, float[] second)
    {
        var sum = 0.0;
        for (var i = 0; i < first.Length; i++)
        {
            sum += first[i] * second[i];
        }

        return sum;
    }

    private sealed class Candidate(int passage, int offset, string text, double passageScore)
    {
        public int Passage { get; } = passage;

        public int Offset { get; } = offset;

        public string Text { get; } = text;

        public float[] Vector { get; set; } = [];

        public double Similarity { get; set; }

        // Meaning first; the passage's retrieval score breaks near ties in favour of better passages.
        public double Rank => Similarity + PassageScoreWeight * passageScore;
    }
}
