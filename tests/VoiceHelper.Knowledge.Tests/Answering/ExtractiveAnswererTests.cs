using VoiceHelper.Inference.Embeddings;
using VoiceHelper.Knowledge.Answering;

namespace VoiceHelper.Knowledge.Tests.Answering;

[Trait("Category", "Unit")]
public sealed class ExtractiveAnswererTests
{
    private const string Question = "How do I drop an index?";
    private const string Heading = "DROP INDEX — remove an index";
    private const string Sentence = "To remove an index, use the DROP INDEX command.";

    [Fact]
    public async Task Answer_HeadingWithoutMark_EndsWithPeriod()
    {
        var answerer = new ExtractiveAnswerer(new FixedEmbedder(), new ExtractiveAnswererOptions());
        var passage = new AnswerPassage(Guid.NewGuid(), "DROP INDEX", "DROP INDEX", null, $"{Heading}\n\n{Sentence}", 0.9);

        var answer = await answerer.AnswerAsync(Question, [passage]);

        Assert.Equal($"{Heading}. {Sentence}", answer.Text);
        // The quote stays part of the answer's text.
        Assert.Equal(answer.Text, Assert.Single(answer.Sources).Quote);
    }

    // Both passage sentences are close to the question (0.9) but not to each other (0.81), so both are selected.
    private sealed class FixedEmbedder : ITextEmbedder
    {
        private static readonly Dictionary<string, float[]> Vectors = new()
        {
            [Question] = [1f, 0f, 0f],
            [Heading] = [0.9f, MathF.Sqrt(1 - 0.81f), 0f],
            [Sentence] = [0.9f, 0f, MathF.Sqrt(1 - 0.81f)],
        };

        public int Dimensions => 3;

        public Task<IReadOnlyList<float[]>> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<float[]>>([.. texts.Select(text => Vectors[text])]);
    }
}
