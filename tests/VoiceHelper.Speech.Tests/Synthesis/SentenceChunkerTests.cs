using VoiceHelper.Speech.Synthesis;

namespace VoiceHelper.Speech.Tests.Synthesis;

[Trait("Category", "Unit")]
public sealed class SentenceChunkerTests
{
    [Fact]
    public void Append_Deltas_ReleasesEachSentenceOnceComplete()
    {
        var chunker = new SentenceChunker();

        var first = chunker.Append("VACUUM reclaims storage. It can");
        var second = chunker.Append(" run in parallel!");
        var third = chunker.Append(" Done");

        Assert.Equal(["VACUUM reclaims storage."], first);
        Assert.Empty(second);
        Assert.Equal(["It can run in parallel!"], third);
        Assert.Equal("Done", chunker.Complete());
    }

    [Theory]
    [InlineData("Dr. Smith arrived. Then he left.", new[] { "Dr. Smith arrived.", "Then he left." })]
    [InlineData("Version 3.14 is out. Try it.", new[] { "Version 3.14 is out.", "Try it." })]
    [InlineData("Use e.g. this one. Or that.", new[] { "Use e.g. this one.", "Or that." })]
    [InlineData("He said \"stop.\" Then silence.", new[] { "He said \"stop.\"", "Then silence." })]
    [InlineData("今天天气很好。我们走吧！", new[] { "今天天气很好。", "我们走吧！" })]
    [InlineData("First paragraph\n\nSecond paragraph", new[] { "First paragraph", "Second paragraph" })]
    public void Split_Cases_FindSentences(string text, string[] expected)
    {
        Assert.Equal(expected, SentenceChunker.Split(text));
    }

    [Fact]
    public void Append_PeriodAtEndOfDelta_WaitsForNextCharacter()
    {
        var chunker = new SentenceChunker();

        var pending = chunker.Append("It costs 3.");
        var released = chunker.Append("50 dollars. Next");

        Assert.Empty(pending);
        Assert.Equal(["It costs 3.50 dollars."], released);
    }

    [Fact]
    public void Append_LongSentence_CutsAtComma()
    {
        var chunker = new SentenceChunker(maxSentenceLength: 40);

        var sentences = chunker.Append("This clause is rather long, and this one goes on and on without end");

        Assert.Equal("This clause is rather long,", sentences[0]);
    }
}
