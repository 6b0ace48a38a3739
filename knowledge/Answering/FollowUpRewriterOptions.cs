using System.ComponentModel.DataAnnotations;

namespace VoiceHelper.Knowledge.Answering;

/// <summary>Settings of <see cref="FollowUpRewriter"/>, from the <c>Conversations:Rewriter</c> configuration section.</summary>
public sealed class FollowUpRewriterOptions
{
    public const string SectionName = "Conversations:Rewriter";

    /// <summary>How many of the latest earlier user questions give the topic. Default 3.</summary>
    [Range(1, 20, ErrorMessage = "Conversations:Rewriter:MaxEarlierQuestions must be between 1 and 20.")]
    public int MaxEarlierQuestions { get; set; } = 3;

    /// <summary>A question with fewer content words than this counts as a follow-up. Default 3.</summary>
    [Range(0, 20, ErrorMessage = "Conversations:Rewriter:MinStandaloneWords must be between 0 and 20.")]
    public int MinStandaloneWords { get; set; } = 3;

    /// <summary>
    /// A question that refers back ("it", "that") counts as a follow-up when it has at most this many content words.
    /// Default 5.
    /// </summary>
    [Range(0, 50, ErrorMessage = "Conversations:Rewriter:MaxReferringWords must be between 0 and 50.")]
    public int MaxReferringWords { get; set; } = 5;

    /// <summary>The most topic words appended to a follow-up. Default 8.</summary>
    [Range(1, 50, ErrorMessage = "Conversations:Rewriter:MaxTopicWords must be between 1 and 50.")]
    public int MaxTopicWords { get; set; } = 8;
}
