using VoiceHelper.Knowledge.Answering;

namespace VoiceHelper.Knowledge.Tests.Answering;

[Trait("Category", "Unit")]
public sealed class FollowUpRewriterTests
{
    private readonly FollowUpRewriter _rewriter = new();

    [Fact]
    public async Task Rewrite_NoHistory_ReturnsQuestion()
    {
        var rewritten = await _rewriter.RewriteAsync("And how do I undo that?", []);

        Assert.Equal("And how do I undo that?", rewritten);
    }

    [Fact]
    public async Task Rewrite_ReferringFollowUp_AppendsEarlierTopic()
    {
        var rewritten = await _rewriter.RewriteAsync("And how do I undo that?",
            [User("How do I create an index on a table?"), Assistant("Use CREATE INDEX.")]);

        Assert.StartsWith("And how do I undo that?", rewritten);
        Assert.Contains("create", rewritten);
        Assert.Contains("index", rewritten);
        Assert.Contains("table", rewritten);
    }

    [Fact]
    public async Task Rewrite_StandaloneQuestion_ReturnsQuestion()
    {
        var rewritten = await _rewriter.RewriteAsync("How does VACUUM FULL reclaim disk space?",
            [User("How do I create an index on a table?")]);

        Assert.Equal("How does VACUUM FULL reclaim disk space?", rewritten);
    }

    [Fact]
    public async Task Rewrite_ChainOfFollowUps_CarriesFirstTopic()
    {
        var rewritten = await _rewriter.RewriteAsync("Can it be unique?",
            [User("How do I create an index?"), Assistant("Use CREATE INDEX."), User("And how do I drop it?")]);

        Assert.Contains("index", rewritten);
    }

    [Fact]
    public async Task Rewrite_UpperCaseCommand_KeepsCommandWords()
    {
        var rewritten = await _rewriter.RewriteAsync("What are its options?", [User("Explain ALTER TABLE to me")]);

        Assert.Contains("ALTER", rewritten);
        Assert.Contains("TABLE", rewritten);
    }

    [Fact]
    public async Task Rewrite_AssistantTurnsOnly_ReturnsQuestion()
    {
        var rewritten = await _rewriter.RewriteAsync("What is it?", [Assistant("An index speeds up lookups.")]);

        Assert.Equal("What is it?", rewritten);
    }

    private static ConversationTurnText User(string text) => new(true, text);

    private static ConversationTurnText Assistant(string text) => new(false, text);
}
