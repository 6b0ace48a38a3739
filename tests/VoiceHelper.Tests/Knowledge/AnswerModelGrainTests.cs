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
}
