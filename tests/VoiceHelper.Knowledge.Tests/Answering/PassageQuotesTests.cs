using VoiceHelper.Knowledge.Answering.Internal;

namespace VoiceHelper.Knowledge.Tests.Answering;

[Trait("Category", "Unit")]
public sealed class PassageQuotesTests
{
    [Fact]
    public void Sentences_HeadingBeforeBlankLine_IsDropped()
    {
        var sentences = PassageQuotes.Sentences("Backups\n\nThe pg_dump tool writes a consistent snapshot.").ToList();

        Assert.Equal("The pg_dump tool writes a consistent snapshot.", Assert.Single(sentences).Text);
    }

    [Fact]
    public void Sentences_SecondParagraph_KeepsOffsetInWholeText()
    {
        const string Text = "First paragraph has one sentence.\n\nSecond paragraph has another sentence.";

        var sentences = PassageQuotes.Sentences(Text).ToList();

        Assert.Equal(Text.IndexOf("Second", StringComparison.Ordinal), sentences[1].Offset);
    }

    [Fact]
    public void Sentences_ShortFragment_IsSkipped()
    {
        var sentences = PassageQuotes.Sentences("See also. A sentence long enough to be quoted.").ToList();

        Assert.Equal("A sentence long enough to be quoted.", Assert.Single(sentences).Text);
    }
}
