using VoiceHelper.Grains.Knowledge;
using VoiceHelper.Grains.Voice;

namespace VoiceHelper.Tests.Voice;

[Trait("Category", "Unit")]
public sealed class SpokenAnswerTests
{
    private static readonly AnswerCitation First = new(Guid.NewGuid(), "VACUUM", "Description", null,
        "VACUUM reclaims storage occupied by dead tuples.");

    private static readonly AnswerCitation Second = new(Guid.NewGuid(), "VACUUM", "Parameters", null,
        "FULL selects full vacuum, which can reclaim more space.");

    [Fact]
    public void HeardBefore_SecondSentenceBegun_KeepsBothSentencesAndSources()
    {
        var answer = Answer();

        var (text, sources) = answer.HeardBefore(1_050);

        Assert.Equal("VACUUM reclaims storage occupied by dead tuples. FULL selects full vacuum, which can reclaim more space.", text);
        Assert.Equal([First, Second], sources);
    }

    [Fact]
    public void HeardBefore_InsideFirstSentence_KeepsOnlyItsSource()
    {
        var answer = Answer();

        var (text, sources) = answer.HeardBefore(400);

        Assert.Equal("VACUUM reclaims storage occupied by dead tuples.", text);
        Assert.Equal([First], sources);
    }

    [Fact]
    public void HeardBefore_Start_KeepsNothing()
    {
        var answer = Answer();

        var (text, sources) = answer.HeardBefore(0);

        Assert.Equal(string.Empty, text);
        Assert.Empty(sources);
    }

    [Fact]
    public void HeardBefore_CitationMarker_KeepsNumberedSource()
    {
        var answer = new SpokenAnswer(VoiceAudioFormat.Pcm16, 24_000) { Sources = [First, Second] };
        answer.Add("Use the FULL option [2].", new byte[48 * 500]);

        var (_, sources) = answer.HeardBefore(100);

        Assert.Equal([Second], sources);
    }

    [Fact]
    public void AllHeardBefore_LastSentenceBegun_IsTrueOnlyWhenComplete()
    {
        var answer = Answer();

        var whileProducing = answer.AllHeardBefore(1_050);
        answer.Complete = true;
        var afterProducing = answer.AllHeardBefore(1_050);

        Assert.False(whileProducing);
        Assert.True(afterProducing);
    }

    [Fact]
    public void SentenceAt_Positions_FindSentenceOrEnd()
    {
        var answer = Answer();

        Assert.Equal(0, answer.SentenceAt(0));
        Assert.Equal(1, answer.SentenceAt(1_000));
        Assert.Equal(2, answer.SentenceAt(5_000));
    }

    // Two sentences of 1 s and 2 s of 24 kHz PCM.
    private static SpokenAnswer Answer()
    {
        var answer = new SpokenAnswer(VoiceAudioFormat.Pcm16, 24_000) { Sources = [First, Second] };
        answer.Add("VACUUM reclaims storage occupied by dead tuples.", new byte[48 * 1_000]);
        answer.Add("FULL selects full vacuum, which can reclaim more space.", new byte[48 * 2_000]);
        return answer;
    }
}
