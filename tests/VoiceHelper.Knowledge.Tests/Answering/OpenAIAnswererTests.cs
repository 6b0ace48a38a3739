using Microsoft.Extensions.Logging;
using VoiceHelper.Knowledge.Answering;
using static VoiceHelper.Knowledge.Tests.Answering.AnswerFixtures;

namespace VoiceHelper.Knowledge.Tests.Answering;

[Trait("Category", "Unit")]
public sealed class OpenAIAnswererTests : IAsyncLifetime
{
    private FakeChatServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeChatServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Request_AnyQuestion_CarriesModel()
    {
        var request = await AskAndRecordAsync("B-tree is the default [2].");

        Assert.Equal(Model, (string?)request.Body["model"]);
    }

    [Fact]
    public async Task Request_AnyQuestion_CarriesQuestion()
    {
        var request = await AskAndRecordAsync("B-tree is the default [2].");

        Assert.Contains(Question, request.MessageContent("user"));
    }

    [Fact]
    public async Task Request_ThreePassages_NumbersEachWithItsText()
    {
        var request = await AskAndRecordAsync("B-tree is the default [2].");

        var user = request.MessageContent("user");
        Assert.Contains("[1] Document: Routine Vacuuming", user);
        Assert.Contains("[2] Document: Indexes", user);
        Assert.Contains("[3] Document: Backups", user);
        Assert.Contains(Vacuum.Text, user);
        Assert.Contains(Indexes.Text, user);
        Assert.Contains(Backups.Text, user);
    }

    [Fact]
    public async Task Request_PassageWithHeadingAndPage_NamesBoth()
    {
        var request = await AskAndRecordAsync("B-tree is the default [2].");

        Assert.Contains("[1] Document: Routine Vacuuming; section: Recovering Disk Space; page 12", request.MessageContent("user"));
    }

    [Fact]
    public async Task Request_SystemMessage_StatesRules()
    {
        var request = await AskAndRecordAsync("B-tree is the default [2].");

        var system = request.MessageContent("system");
        Assert.Contains("only facts stated in the passages", system);
        Assert.Contains("[1]", system);
        Assert.Contains("NO_ANSWER", system);
    }

    [Fact]
    public async Task Request_ConfiguredLimits_AreSent()
    {
        var options = Options(_server.Endpoint);
        options.MaxOutputTokens = 256;
        options.Temperature = 0.25f;
        _server.RespondWith("B-tree is the default [2].");
        using var answerer = new OpenAIAnswerer(options, NoAnswerText);

        await answerer.AnswerAsync(Question, Passages).WaitAsync(Step);

        var body = Assert.Single(_server.Requests).Body;
        Assert.Equal(256, (int?)body["max_completion_tokens"]);
        Assert.Equal(0.25f, (float?)body["temperature"]);
    }

    [Fact]
    public async Task Request_ApiKey_IsSentAsBearerToken()
    {
        var options = Options(_server.Endpoint);
        options.ApiKey = "sk-test-key";
        _server.RespondWith("B-tree is the default [2].");
        using var answerer = new OpenAIAnswerer(options, NoAnswerText);

        await answerer.AnswerAsync(Question, Passages).WaitAsync(Step);

        Assert.Equal("Bearer sk-test-key", Assert.Single(_server.Requests).Authorization);
    }

    [Fact]
    public async Task Answer_TwoCitations_OrderSources()
    {
        var answer = await AskAsync(
            "Hash indexes only help with equality comparisons [2]. Deleted rows stay until a vacuum pass frees them [1].");

        Assert.True(answer.Answered);
        Assert.Equal([Indexes.DocumentId, Vacuum.DocumentId], answer.Sources.Select(source => source.DocumentId));
    }

    [Fact]
    public async Task Answer_Citation_CopiesTitleHeadingAndPage()
    {
        var answer = await AskAsync("Deleted rows stay until a vacuum pass frees them [1].");

        var source = Assert.Single(answer.Sources);
        Assert.Equal(Vacuum.Title, source.Title);
        Assert.Equal(Vacuum.Heading, source.Heading);
        Assert.Equal(Vacuum.Page, source.Page);
    }

    [Fact]
    public async Task Answer_Citation_QuotesPassageSentenceSharingMostWords()
    {
        var answer = await AskAsync("Hash indexes only help with equality comparisons [2].");

        Assert.Equal("Hash indexes only help with simple equality comparisons.", Assert.Single(answer.Sources).Quote);
    }

    [Fact]
    public async Task Answer_CitationMarkers_AreRemovedFromText()
    {
        var answer = await AskAsync(
            "Hash indexes only help with equality comparisons [2]. Deleted rows stay until a vacuum pass frees them [1][2].");

        Assert.Equal(
            "Hash indexes only help with equality comparisons. Deleted rows stay until a vacuum pass frees them.",
            answer.Text);
    }

    [Fact]
    public async Task Answer_MarkerAfterFullStop_CitesSentenceBefore()
    {
        var answer = await AskAsync("The pg_dump tool works while the database stays online. [3]");

        Assert.Equal(Backups.DocumentId, Assert.Single(answer.Sources).DocumentId);
        Assert.Equal("The pg_dump tool works while the database stays online.", answer.Text);
    }

    [Fact]
    public async Task Answer_OutOfRangeCitation_IsIgnored()
    {
        var answer = await AskAsync("Hash indexes only help with equality comparisons [2][7]. Nothing else applies [0].");

        Assert.True(answer.Answered);
        Assert.Equal(Indexes.DocumentId, Assert.Single(answer.Sources).DocumentId);
    }

    [Fact]
    public async Task Answer_OutOfRangeOnly_IsNotAnswered()
    {
        var answer = await AskAsync("Hash indexes only help with equality comparisons [4].");

        Assert.False(answer.Answered);
        Assert.Empty(answer.Sources);
        Assert.Equal(NoAnswerText, answer.Text);
    }

    [Fact]
    public async Task Answer_NoCitation_LogsUncitedWarning()
    {
        var logger = new RecordingLogger<OpenAIAnswerer>();
        _server.RespondWith("Hash indexes help with equality comparisons.");
        using var answerer = new OpenAIAnswerer(Options(_server.Endpoint), NoAnswerText, logger);

        await answerer.AnswerAsync(Question, Passages).WaitAsync(Step);

        var entry = Assert.Single(logger.Entries, entry => entry.EventId == 5003);
        Assert.Equal(LogLevel.Warning, entry.Level);
    }

    [Fact]
    public void Constructor_ApiKey_IsNotLogged()
    {
        var logger = new RecordingLogger<OpenAIAnswerer>();
        var options = Options(_server.Endpoint);
        options.ApiKey = "sk-never-logged";

        using var answerer = new OpenAIAnswerer(options, NoAnswerText, logger);

        var entry = Assert.Single(logger.Entries, entry => entry.EventId == 5000);
        Assert.Contains(_server.Endpoint, entry.Message);
        Assert.DoesNotContain("sk-never-logged", entry.Message);
    }

    [Fact]
    public async Task Answer_NoCitation_IsNotAnswered()
    {
        var answer = await AskAsync("Hash indexes help with equality comparisons.");

        Assert.False(answer.Answered);
        Assert.Empty(answer.Sources);
        Assert.Equal(NoAnswerText, answer.Text);
    }

    [Fact]
    public async Task Answer_NoAnswerSignal_IsNotAnswered()
    {
        var answer = await AskAsync("NO_ANSWER");

        Assert.False(answer.Answered);
        Assert.Empty(answer.Sources);
        Assert.Equal(NoAnswerText, answer.Text);
    }

    [Fact]
    public async Task Answer_SignalBesideCitation_IsNotAnswered()
    {
        var answer = await AskAsync("The passages only cover vacuuming [1]. NO_ANSWER");

        Assert.False(answer.Answered);
        Assert.Empty(answer.Sources);
    }

    [Fact]
    public async Task Answer_ThinkingBeforeAnswer_IsDropped()
    {
        var answer = await AskAsync(
            "<think>Passage [1] is about vacuum, so maybe NO_ANSWER. No: [3] covers it.</think>\n" +
            "The pg_dump tool writes a snapshot while the database stays online [3].");

        Assert.True(answer.Answered);
        Assert.Equal(Backups.DocumentId, Assert.Single(answer.Sources).DocumentId);
        Assert.Equal("The pg_dump tool writes a snapshot while the database stays online.", answer.Text);
    }

    [Fact]
    public async Task Answer_NoPassages_SendsNoRequest()
    {
        using var answerer = new OpenAIAnswerer(Options(_server.Endpoint), NoAnswerText);

        var answer = await answerer.AnswerAsync(Question, []).WaitAsync(Step);

        Assert.False(answer.Answered);
        Assert.Empty(_server.Requests);
    }

    private async Task<GroundedAnswer> AskAsync(string reply)
    {
        _server.RespondWith(reply);
        using var answerer = new OpenAIAnswerer(Options(_server.Endpoint), NoAnswerText);
        return await answerer.AnswerAsync(Question, Passages).WaitAsync(Step);
    }

    private async Task<RecordedRequest> AskAndRecordAsync(string reply)
    {
        await AskAsync(reply);
        return Assert.Single(_server.Requests);
    }
}
