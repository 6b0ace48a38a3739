using VoiceHelper.Knowledge.Answering.Internal;

namespace VoiceHelper.Knowledge.Tests.Answering;

[Trait("Category", "Unit")]
public sealed class ReplyParserTests
{
    [Fact]
    public void Parse_CommaList_CitesEachNumber()
    {
        var reply = ReplyParser.Parse("Both apply [1, 3].", 3);

        Assert.Equal([0, 2], reply.CitedPassages);
    }

    [Fact]
    public void Parse_Range_CitesEveryNumberInIt()
    {
        var reply = ReplyParser.Parse("All of them agree [1-3].", 4);

        Assert.Equal([0, 1, 2], reply.CitedPassages);
    }

    [Fact]
    public void Parse_RepeatedCitation_ListsPassageOnce()
    {
        var reply = ReplyParser.Parse("First [2]. Second [1]. Third [2].", 2);

        Assert.Equal([1, 0], reply.CitedPassages);
    }

    [Fact]
    public void Parse_RepeatedCitation_KeepsEveryClaim()
    {
        var reply = ReplyParser.Parse("First claim [2]. Second claim [2].", 2);

        Assert.Equal(["First claim.", "Second claim."], reply.ClaimsByPassage[1]);
    }

    [Fact]
    public void Parse_OutOfRangeNumbers_AreReportedOnce()
    {
        var reply = ReplyParser.Parse("Claim [0][5]. Other claim [5].", 4);

        Assert.Equal([0, 5], reply.OutOfRangeNumbers);
    }

    [Fact]
    public void Parse_BracketedWords_AreKeptInText()
    {
        var reply = ReplyParser.Parse("Run it with [options] as shown [1].", 1);

        Assert.Equal("Run it with [options] as shown.", reply.Text);
    }

    [Fact]
    public void Parse_LowerCaseSignal_IsDeclined()
    {
        var reply = ReplyParser.Parse("no_answer", 2);

        Assert.True(reply.Declined);
    }

    [Fact]
    public void Parse_MultiLineReply_KeepsLineBreaks()
    {
        var reply = ReplyParser.Parse("Two steps:\n- Stop the server [1].\n- Copy the files [2].", 2);

        Assert.Equal("Two steps:\n- Stop the server.\n- Copy the files.", reply.Text);
    }
}
