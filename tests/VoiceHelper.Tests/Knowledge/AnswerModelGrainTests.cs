using VoiceHelper.Grains.Conversations;
using VoiceHelper.Grains.Knowledge;
using VoiceHelper.Tests.Infrastructure;

namespace VoiceHelper.Tests.Knowledge;

[Collection(AnswerModelClusterCollection.Name)]
[Trait("Category", "Grain")]
public sealed class AnswerModelGrainTests(AnswerModelClusterFixture fixture)
{
    private const string Question = "How can I back up a running database?";

    [Fact]
    public async Task Ask_ModelCitesPassage_ReturnsCitedDocument()
    {
        fixture.Server.RespondWith("Use pg_dump, which writes a consistent snapshot while the database stays online [1].");

        var answer = await fixture.KnowledgeBase.AskAsync(fixture.TenantId, Question, 5).WaitAsync(TestTimeouts.Step);

        Assert.True(answer.Answered, answer.Answer);
        var source = Assert.Single(answer.Sources);
        Assert.Equal(fixture.DocumentId, source.DocumentId);
        Assert.Equal("The pg_dump tool writes a consistent snapshot while the database stays online.", source.Quote);
    }

    [Fact]
    public async Task Ask_ModelSendsQuestionWithPassage()
    {
        fixture.Server.RespondWith("NO_ANSWER");

        await fixture.KnowledgeBase.AskAsync(fixture.TenantId, Question, 5).WaitAsync(TestTimeouts.Step);

        var user = fixture.Server.Requests[^1].MessageContent("user");
        Assert.Contains(Question, user);
        Assert.Contains("The pg_dump tool writes a consistent snapshot", user);
    }

    [Fact]
    public async Task Ask_ModelUnavailable_ThrowsTransientAnswerUnavailable()
    {
        fixture.Server.RespondWithStatus(503, """{"error":{"message":"loading model"}}""");

        var exception = await Assert.ThrowsAsync<AnswerUnavailableException>(
            () => fixture.KnowledgeBase.AskAsync(fixture.TenantId, Question, 5).WaitAsync(TestTimeouts.Step));

        Assert.True(exception.IsTransient);
    }

    [Fact]
    public async Task Ask_ModelRejectsKey_ThrowsPermanentFailure()
    {
        fixture.Server.RespondWithStatus(401, """{"error":{"message":"invalid key"}}""");

        var exception = await Assert.ThrowsAsync<AnswerUnavailableException>(
            () => fixture.KnowledgeBase.AskAsync(fixture.TenantId, Question, 5).WaitAsync(TestTimeouts.Step));

        Assert.False(exception.IsTransient);
        Assert.DoesNotContain(fixture.Server.Endpoint, exception.Message);
    }

    [Fact]
    public async Task Conversation_ModelReply_SentenceDeltasMakeStoredText()
    {
        fixture.Server.RespondWith(
            "Use pg_dump [1]. It writes a consistent snapshot [1]. The database stays online meanwhile [1].");
        var conversation = fixture.GrainFactory.GetGrain<IConversationGrain>(Guid.NewGuid());
        await conversation.CreateAsync(fixture.TenantId, new ConversationSettings(KnowledgeBaseId: fixture.KnowledgeBase.GetPrimaryKey()))
            .WaitAsync(TestTimeouts.Step);

        var start = await conversation.StartResponseAsync(fixture.TenantId, new UserMessage(Question)).WaitAsync(TestTimeouts.Step);
        var events = new List<ResponseEvent>();
        using var timeout = new CancellationTokenSource(TestTimeouts.Step);
        await foreach (var responseEvent in conversation.ReadResponseAsync(fixture.TenantId, start.ResponseId, 0, timeout.Token))
        {
            events.Add(responseEvent);
        }

        var deltas = events.Where(e => e.Kind == ResponseEventKind.Delta).Select(e => e.Delta).ToList();
        Assert.Equal(["Use pg_dump.", " It writes a consistent snapshot.", " The database stays online meanwhile."], deltas);
        Assert.Equal(TurnStatus.Completed, events[^1].Turn?.Status);
        Assert.Equal(string.Concat(deltas), events[^1].Turn?.Text);
    }
}
