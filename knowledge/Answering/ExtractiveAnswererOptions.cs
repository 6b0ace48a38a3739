using System.ComponentModel.DataAnnotations;

namespace VoiceHelper.Knowledge.Answering;

/// <summary>Settings of <see cref="ExtractiveAnswerer"/>, read from <c>Knowledge:Answering</c>.</summary>
public sealed class ExtractiveAnswererOptions
{
    public const string SectionName = "Knowledge:Answering";

    /// <summary>
    /// The lowest cosine similarity between the question and a sentence for the sentence to count as an answer.
    /// Default 0.35, an estimate for all-MiniLM-L6-v2 that real question sets should tune; below it the answerer
    /// says it does not know.
    /// </summary>
    [Range(0.0, 1.0, ErrorMessage = "Knowledge:Answering:MinSimilarity must be between 0 and 1.")]
    public double MinSimilarity { get; set; } = 0.35;

    /// <summary>The most sentences in an answer. Default 3.</summary>
    [Range(1, 10, ErrorMessage = "Knowledge:Answering:MaxSentences must be between 1 and 10.")]
    public int MaxSentences { get; set; } = 3;

    /// <summary>The most candidate sentences embedded per question. Default 64.</summary>
    [Range(1, 512, ErrorMessage = "Knowledge:Answering:MaxCandidates must be between 1 and 512.")]
    public int MaxCandidates { get; set; } = 64;

    /// <summary>
    /// The text of an answer when nothing in the passages supports one. The same key as
    /// <see cref="AnswererOptions.NoAnswerText"/>, with the same default.
    /// </summary>
    [Required]
    public string NoAnswerText { get; set; } = AnswererOptions.DefaultNoAnswerText;
}
