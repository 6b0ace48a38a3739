using VoiceHelper.Knowledge.Answering;

namespace VoiceHelper.Knowledge.Tests;

[Trait("Category", "Unit")]
public sealed class FollowUpRewriterTests
{
    private readonly FollowUpRewriter _rewriter = new();

    [Fact]
    public async Task Rewrite_StandaloneQuestion_ReturnsItUnchanged()
    {
        var rewritten = await RewriteAsync("What does VACUUM FULL do to the table files?", "How do I create an index?");

        Assert.Equal("What does VACUUM FULL do to the table files?", rewritten);
    }

    [Fact]
    public async Task Rewrite_FirstQuestion_ReturnsItUnchanged()
    {
        var rewritten = await RewriteAsync("Can it be unique?");

        Assert.Equal("Can it be unique?", rewritten);
    }

    [Fact]
    public async Task Rewrite_FollowUpWithOwnAction_AppendsSubjectOnly()
    {
        var rewritten = await RewriteAsync("And how do I remove it?", "How do I create an index?");

        Assert.Equal("And how do I remove it? index", rewritten);
    }

    [Fact]
    public async Task Rewrite_FollowUpWithoutAction_AppendsActionAndSubject()
    {
        var rewritten = await RewriteAsync("Can it be unique?", "How do I create an index?");

        Assert.Equal("Can it be unique? create index", rewritten);
    }

    [Fact]
    public async Task Rewrite_ActionAfterTo_IsTheFollowUpsAction()
    {
        var rewritten = await RewriteAsync("Is there a way to rebuild it?", "How do I create an index?");

        Assert.Equal("Is there a way to rebuild it? index", rewritten);
    }

    [Fact]
    public async Task Rewrite_AdverbBeforeAction_IsSkipped()
    {
        var rewritten = await RewriteAsync("How do I safely drop it?", "How do I create an index?");

        Assert.Equal("How do I safely drop it? index", rewritten);
    }

    [Fact]
    public async Task Rewrite_ChainOfFollowUps_KeepsFirstSubject()
    {
        var rewritten = await RewriteAsync("Can I rename it?",
            "How do I create an index?", "Can it be unique?", "How do I rebuild it if it gets corrupted?");

        Assert.Equal("Can I rename it? index", rewritten);
    }

    [Fact]
    public async Task Rewrite_AfterFollowUpWithAction_CarriesThatAction()
    {
        var rewritten = await RewriteAsync("Can I do it in parallel?", "How do I back up a database?", "And restore it?");

        Assert.Equal("Can I do it in parallel? restore database", rewritten);
    }

    [Fact]
    public async Task Rewrite_VerbBeforeIt_IsTheFollowUpsAction()
    {
        var rewritten = await RewriteAsync("And restore it?", "How do I back up a database?");

        Assert.Equal("And restore it? database", rewritten);
    }

    [Fact]
    public async Task Rewrite_AskingVerb_KeepsEarlierAction()
    {
        var rewritten = await RewriteAsync("Can you explain it?", "How do I create an index?");

        Assert.Equal("Can you explain it? create index", rewritten);
    }

    [Fact]
    public async Task Rewrite_ShortFollowUpWithoutReference_AddsItsWordsToSubject()
    {
        var rewritten = await RewriteAsync("Does it lock the table?", "How do I create an index?", "What about concurrently?");

        Assert.Equal("Does it lock the table? create concurrently index", rewritten);
    }

    [Fact]
    public async Task Rewrite_UpperCaseCommand_CarriesCommand()
    {
        var rewritten = await RewriteAsync("Does it lock the table?", "What does VACUUM FULL do?");

        Assert.Equal("Does it lock the table? VACUUM FULL", rewritten);
    }

    [Fact]
    public async Task Rewrite_StandaloneQuestionInHistory_StartsNewTopic()
    {
        var rewritten = await RewriteAsync("And how do I remove it?",
            "How do I create an index?", "How do I create a role with a password?");

        Assert.Equal("And how do I remove it? role password", rewritten);
    }

    [Fact]
    public async Task Rewrite_AssistantTurns_AreIgnored()
    {
        var history = new[]
        {
            new ConversationTurnText(true, "How do I create an index?"),
            new ConversationTurnText(false, "CREATE TABLE constructs a new table."),
        };

        var rewritten = await _rewriter.RewriteAsync("And how do I remove it?", history);

        Assert.Equal("And how do I remove it? index", rewritten);
    }

    private Task<string> RewriteAsync(string question, params string[] earlierQuestions) =>
        _rewriter.RewriteAsync(question, earlierQuestions.Select(text => new ConversationTurnText(true, text)).ToList());
}
