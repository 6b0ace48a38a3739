using VoiceHelper.Grains.Voice;

namespace VoiceHelper.Tests.Voice;

[Trait("Category", "Unit")]
public sealed class PartialTranscriptTests
{
    // The partials that PocketSphinx 0.8 gave every 250 ms for the LibriVox recording
    // sense_and_sensibility_01_austen_64kb-0880 of pocketsphinx-testdata ("he was not an ill disposed young man").
    private static readonly string[] RecordedPartials =
    [
        "you", "he was now", "he was not", "he was not until", "he was not adults", "he was not adults though",
        "he was not until exposed yeah", "he was not until exposed young may", "he was not until exposed young man",
    ];

    [Fact]
    public void Next_FirstPartial_SendsNothing()
    {
        var transcript = new PartialTranscript();

        Assert.Null(transcript.Next("he was"));
    }

    [Fact]
    public void Next_RepeatedWords_SendsThemOnce()
    {
        var transcript = new PartialTranscript();
        transcript.Next("he was");

        var first = transcript.Next("he was not");
        var second = transcript.Next("he was not an");

        Assert.Equal("he was", first);
        Assert.Equal(" not", second);
    }

    [Fact]
    public void Next_RevisedLastWord_WaitsForAgreement()
    {
        var transcript = new PartialTranscript();
        transcript.Next("he was now");

        var revised = transcript.Next("he was not");
        var agreed = transcript.Next("he was not until");

        Assert.Equal("he was", revised);
        Assert.Equal(" not", agreed);
    }

    [Fact]
    public void Next_RevisionOfSentWord_SendsNothing()
    {
        var transcript = new PartialTranscript();
        transcript.Next("he was not");
        transcript.Next("he was not until");

        var first = transcript.Next("she was not until");
        var second = transcript.Next("she was not until this");

        Assert.Null(first);
        Assert.Null(second);
        Assert.Equal("he was not", transcript.Sent);
    }

    [Fact]
    public void Next_RecordedPartials_DeltasJoinToSentText()
    {
        var transcript = new PartialTranscript();

        var deltas = RecordedPartials.Select(transcript.Next).OfType<string>().ToList();

        // "adults" agreed in two partials in a row before the engine revised it, so it stays sent.
        Assert.Equal(["he was", " not", " adults"], deltas);
        Assert.Equal("he was not adults", string.Concat(deltas));
        Assert.Equal(transcript.Sent, string.Concat(deltas));
    }

    [Fact]
    public void Next_ExtraSpaces_AreIgnored()
    {
        var transcript = new PartialTranscript();
        transcript.Next(" ten  of ");

        var delta = transcript.Next("ten of clubs");

        Assert.Equal("ten of", delta);
    }
}
