using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using VoiceHelper.Knowledge.Answering;
using static VoiceHelper.Knowledge.Tests.Answering.AnswerFixtures;

namespace VoiceHelper.Knowledge.Tests.Answering;

[Trait("Category", "Unit")]
public sealed class OpenAIAnswererFailureTests : IAsyncLifetime
{
    private const string ErrorBody = """{"error":{"message":"scripted failure","type":"server_error"}}""";

    private FakeChatServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeChatServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Status500_ThrowsTransientServerError()
    {
        _server.RespondWithStatus(500, ErrorBody);

        var exception = await AskAndCatchAsync(Options(_server.Endpoint));

        Assert.Equal(AnswerModelFailure.ServerError, exception.Failure);
        Assert.Equal(500, exception.StatusCode);
        Assert.True(exception.IsTransient);
    }

    [Fact]
    public async Task Status500_LogsFailureWithEventId()
    {
        var logger = new RecordingLogger<OpenAIAnswerer>();
        _server.RespondWithStatus(500, ErrorBody);
        using var answerer = new OpenAIAnswerer(Options(_server.Endpoint), NoAnswerText, logger);

        await Assert.ThrowsAsync<AnswerModelException>(() => answerer.AnswerAsync(Question, Passages).WaitAsync(Step));

        var entry = Assert.Single(logger.Entries, entry => entry.EventId == 5001);
        Assert.Equal(LogLevel.Warning, entry.Level);
        Assert.Contains("ServerError, HTTP status 500", entry.Message);
        Assert.IsType<AnswerModelException>(entry.Exception);
    }

    [Fact]
    public async Task EmptyContent_LogsFailureWithEventId()
    {
        var logger = new RecordingLogger<OpenAIAnswerer>();
        _server.RespondWith("");
        using var answerer = new OpenAIAnswerer(Options(_server.Endpoint), NoAnswerText, logger);

        await Assert.ThrowsAsync<AnswerModelException>(() => answerer.AnswerAsync(Question, Passages).WaitAsync(Step));

        Assert.Single(logger.Entries, entry => entry.EventId == 5001);
    }

    [Fact]
    public async Task Status401_ThrowsPermanentUnauthorized()
    {
        _server.RespondWithStatus(401, """{"error":{"message":"Incorrect API key provided","type":"invalid_request_error"}}""");

        var exception = await AskAndCatchAsync(Options(_server.Endpoint));

        Assert.Equal(AnswerModelFailure.Unauthorized, exception.Failure);
        Assert.Equal(401, exception.StatusCode);
        Assert.False(exception.IsTransient);
    }

    [Fact]
    public async Task Status401_MessageNamesSettingButNotKey()
    {
        var options = Options(_server.Endpoint);
        options.ApiKey = "sk-test-secret-value";
        _server.RespondWithStatus(401, ErrorBody);

        var exception = await AskAndCatchAsync(options);

        Assert.Contains("Knowledge:Answering:OpenAI:ApiKey", exception.Message);
        Assert.DoesNotContain("sk-test-secret-value", exception.ToString());
    }

    [Fact]
    public async Task Status429_ThrowsTransientRateLimited()
    {
        _server.RespondWithStatus(429, ErrorBody);

        var exception = await AskAndCatchAsync(Options(_server.Endpoint));

        Assert.Equal(AnswerModelFailure.RateLimited, exception.Failure);
        Assert.True(exception.IsTransient);
    }

    [Fact]
    public async Task Status404_ThrowsPermanentRejected()
    {
        _server.RespondWithStatus(404, """{"error":{"message":"model 'test-model' not found"}}""");

        var exception = await AskAndCatchAsync(Options(_server.Endpoint));

        Assert.Equal(AnswerModelFailure.Rejected, exception.Failure);
        Assert.False(exception.IsTransient);
    }

    [Fact]
    public async Task BodyNotJson_ThrowsInvalidReply()
    {
        _server.RespondWithStatus(200, "<html>a proxy's login page</html>");

        var exception = await AskAndCatchAsync(Options(_server.Endpoint));

        Assert.Equal(AnswerModelFailure.InvalidReply, exception.Failure);
    }

    [Fact]
    public async Task EmptyContent_ThrowsInvalidReply()
    {
        _server.RespondWith("");

        var exception = await AskAndCatchAsync(Options(_server.Endpoint));

        Assert.Equal(AnswerModelFailure.InvalidReply, exception.Failure);
    }

    [Fact]
    public async Task Status500_RetriesConfiguredNumberOfTimes()
    {
        var options = Options(_server.Endpoint);
        options.MaxRetries = 2;
        _server.RespondWithStatus(500, ErrorBody);

        await AskAndCatchAsync(options);

        Assert.Equal(3, _server.Requests.Count);
    }

    [Fact]
    public async Task Status500ThenSuccess_RetryAnswers()
    {
        var options = Options(_server.Endpoint);
        options.MaxRetries = 1;
        _server.RespondWithStatus(503, ErrorBody);
        _server.RespondWith("Hash indexes only help with equality comparisons [2].");
        using var answerer = new OpenAIAnswerer(options, NoAnswerText);

        var answer = await answerer.AnswerAsync(Question, Passages).WaitAsync(Step);

        Assert.True(answer.Answered);
        Assert.Equal(2, _server.Requests.Count);
    }

    [Fact]
    public async Task UnreachablePort_ThrowsUnreachableWithinTimeout()
    {
        var options = Options($"http://127.0.0.1:{UnusedPort()}/v1");
        options.Timeout = TimeSpan.FromSeconds(5);
        options.MaxRetries = 1;
        var stopwatch = Stopwatch.StartNew();

        var exception = await AskAndCatchAsync(options);

        Assert.Equal(AnswerModelFailure.Unreachable, exception.Failure);
        Assert.True(exception.IsTransient);
        Assert.True(stopwatch.Elapsed < options.Timeout, $"Failing took {stopwatch.Elapsed}, more than the timeout.");
    }

    [Fact]
    public async Task SlowServer_ThrowsTimedOutAfterTimeout()
    {
        var options = Options(_server.Endpoint);
        options.Timeout = TimeSpan.FromSeconds(1);
        options.MaxRetries = 2;
        _server.RespondSlowly(TimeSpan.FromSeconds(20), "Too late [1].");
        var stopwatch = Stopwatch.StartNew();

        var exception = await AskAndCatchAsync(options);

        Assert.Equal(AnswerModelFailure.TimedOut, exception.Failure);
        Assert.True(exception.IsTransient);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"Timing out took {stopwatch.Elapsed}.");
    }

    [Fact]
    public async Task CallerCancels_ThrowsOperationCanceled()
    {
        _server.RespondSlowly(TimeSpan.FromSeconds(20), "Too late [1].");
        using var answerer = new OpenAIAnswerer(Options(_server.Endpoint), NoAnswerText);
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        var exception = await Record.ExceptionAsync(
            () => answerer.AnswerAsync(Question, Passages, cancellation.Token).WaitAsync(Step));

        Assert.IsAssignableFrom<OperationCanceledException>(exception);
    }

    private static async Task<AnswerModelException> AskAndCatchAsync(OpenAIAnswererOptions options)
    {
        using var answerer = new OpenAIAnswerer(options, NoAnswerText);
        return await Assert.ThrowsAsync<AnswerModelException>(
            () => answerer.AnswerAsync(Question, Passages).WaitAsync(Step));
    }

    // A port that was free a moment ago; nothing listens on it, so connections are refused.
    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
