using System.Globalization;
using System.Text;

namespace VoiceHelper.Speech.Recognition.Internal;

/// <summary>
/// Builds a small bigram language model in ARPA format from example texts: unigrams with add-one smoothing, and
/// bigrams with absolute discounting that back off to the unigrams. Words outside <c>vocabulary</c>, which
/// the decoder could not pronounce, are left out.
/// </summary>
internal static class ArpaWriter
{
    private const double Discount = 0.5;
    private const string SentenceStart = "<s>";
    private const string SentenceEnd = "</s>";

    /// <summary>Returns the model as ARPA text, or null when no text has a word of <paramref name="vocabulary"/>.</summary>
    public static string? Build(IEnumerable<string> texts, IReadOnlySet<string> vocabulary)
    {
        var unigrams = new Dictionary<string, int>(StringComparer.Ordinal);
        var bigrams = new Dictionary<(string, string), int>();
        foreach (var text in texts)
        {
            var words = WordErrorRate.Words(text).Where(vocabulary.Contains).ToList();
            if (words.Count == 0)
            {
                continue;
            }

            string[] sentence = [SentenceStart, .. words, SentenceEnd];
            for (var i = 0; i < sentence.Length; i++)
            {
                unigrams[sentence[i]] = unigrams.GetValueOrDefault(sentence[i]) + 1;
                if (i > 0)
                {
                    bigrams[(sentence[i - 1], sentence[i])] = bigrams.GetValueOrDefault((sentence[i - 1], sentence[i])) + 1;
                }
            }
        }

        return unigrams.Count == 0 ? null : Format(unigrams, bigrams);
    }

    private static string Format(Dictionary<string, int> unigrams, Dictionary<(string, string), int> bigrams)
    {
        var total = unigrams.Values.Sum();
        var unigramProbability = unigrams.ToDictionary(pair => pair.Key, pair => (pair.Value + 1.0) / (total + unigrams.Count));
        var followers = bigrams.GroupBy(pair => pair.Key.Item1).ToDictionary(group => group.Key, group => group.ToList());
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"\\data\\\nngram 1={unigrams.Count}\nngram 2={bigrams.Count}\n\n\\1-grams:\n");
        foreach (var (word, probability) in unigramProbability.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            var backoff = BackoffWeight(word, unigrams, followers, unigramProbability);
            // <s> is never predicted; ARPA files give it the conventional log probability -99.
            var logProbability = word == SentenceStart ? -99 : Math.Log10(probability);
            text.Append(CultureInfo.InvariantCulture, $"{logProbability:0.######} {word} {Math.Log10(backoff):0.######}\n");
        }

        text.Append("\n\\2-grams:\n");
        foreach (var ((first, second), count) in bigrams.OrderBy(pair => pair.Key.Item1, StringComparer.Ordinal)
                     .ThenBy(pair => pair.Key.Item2, StringComparer.Ordinal))
        {
            var probability = (count - Discount) / unigrams[first];
            text.Append(CultureInfo.InvariantCulture, $"{Math.Log10(probability):0.######} {first} {second}\n");
        }

        text.Append("\n\\end\\\n");
        return text.ToString();
    }

    // The probability mass that discounting frees, spread over the unigrams of the words not seen after this one.
    private static double BackoffWeight(
        string word, Dictionary<string, int> unigrams, Dictionary<string, List<KeyValuePair<(string, string), int>>> followers,
        Dictionary<string, double> unigramProbability)
    {
        if (!followers.TryGetValue(word, out var seen))
        {
            return 1;
        }

        var freed = Discount * seen.Count / unigrams[word];
        var unseenMass = 1 - seen.Sum(pair => unigramProbability[pair.Key.Item2]);
        return unseenMass <= 0 ? 1 : freed / unseenMass;
    }
}
