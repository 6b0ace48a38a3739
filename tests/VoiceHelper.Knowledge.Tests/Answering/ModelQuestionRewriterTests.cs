using VoiceHelper.Knowledge.Answering;
using static VoiceHelper.Knowledge.Tests.Answering.AnswerFixtures;

namespace VoiceHelper.Knowledge.Tests.Answering;

[Trait("Category", "Unit")]
public sealed class ModelQuestionRewriterTests : IAsyncLifetime
{
    private static readonly IReadOnlyList<ConversationTurnText> History =
    [
        new(true, "How do I create an index on a table?"),
        new(false, "Use CREATE INDEX name ON table (column)."),
    ];

    private FakeChatServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeChatServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Rewrite_FollowUp_ReturnsModelQuestion()
    {
        _server.RespondWith("How do I drop an index?");
        using var rewriter = Create();

        var rewritten = await rewriter.RewriteAsync("And how do I undo that?", History).WaitAsync(Step);

        Assert.Equal("How do I drop an index?", rewritten);
    }

    [Fact]
    public async Task Rewrite_FollowUp_SendsHistoryAndQuestion()
    {
        _server.RespondWith("How do I drop an index?");
        using var rewriter = Create();

        await rewriter.RewriteAsync("And how do I undo that?", History).WaitAsync(Step);

        var prompt = Assert.Single(_server.Requests).MessageContent("user");
        Assert.Contains("User: How do I create an index on a table?", prompt);
        Assert.Contains("Assistant: Use CREATE INDEX name ON table (column).", prompt);
        Assert.Contains("Last question: And how do I undo that?", prompt);
    }

    [Fact]
    public async Task Rewrite_QuotedLabelledReply_ReturnsBareQuestion()
    {
        _server.RespondWith("Rewritten question: \"How do I drop an index?\"");
        using var rewriter = Create();

        var rewritten = await rewriter.RewriteAsync("And how do I undo that?", History).WaitAsync(Step);

        Assert.Equal("How do I drop an index?", rewritten);
    }

    [Fact]
    public async Task Rewrite_NoUserTurnsBefore_SkipsModel()
    {
        using var rewriter = Create();

        var rewritten = await rewriter.RewriteAsync("What is VACUUM?", []).WaitAsync(Step);

        Assert.Equal("What is VACUUM?", rewritten);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task Rewrite_ModelFails_UsesDeterministicRewrite()
    {
        _server.RespondWithStatus(500, """{"error":{"message":"down"}}""");
        using var rewriter = Create();

        var rewritten = await rewriter.RewriteAsync("And how do I undo that?", History).WaitAsync(Step);

        Assert.Equal(await new FollowUpRewriter().RewriteAsync("And how do I undo that?", History), rewritten);
    }

    [Fact]
    public async Task Rewrite_EmptyReply_UsesDeterministicRewrite()
    {
        _server.RespondWith("   ");
        using var rewriter = Create();

        var rewritten = await rewriter.RewriteAsync("And how do I undo that?", History).WaitAsync(Step);

        Assert.Equal(await new FollowUpRewriter().RewriteAsync("And how do I undo that?", History), rewritten);
    }

    private ModelQuestionRewriter Create()
    {
        var options = Options(_server.Endpoint);
        options.MaxRetries = 0;
        return new ModelQuestionRewriter(options, new FollowUpRewriter());
    }
}
