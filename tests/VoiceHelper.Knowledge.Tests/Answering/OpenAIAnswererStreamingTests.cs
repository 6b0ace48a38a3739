using VoiceHelper.Knowledge.Answering;
using static VoiceHelper.Knowledge.Tests.Answering.AnswerFixtures;

namespace VoiceHelper.Knowledge.Tests.Answering;

[Trait("Category", "Unit")]
public sealed class OpenAIAnswererStreamingTests : IAsyncLifetime
{
    private const string CitedReply =
        "Hash indexes help with simple equality comparisons [2]. A B-tree index is the default [2]. Vacuum frees space [1].";

    private FakeChatServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeChatServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Stream_CitedReply_DeltasMakeAnswerText()
    {
        _server.RespondWith(CitedReply);

        var (deltas, answer) = await StreamAsync();

        Assert.Equal(answer.Text, string.Concat(deltas));
    }

    [Fact]
    public async Task Stream_CitedReply_MatchesWholeAnswer()
    {
        _server.RespondWith(CitedReply);
        _server.RespondWith(CitedReply);
        using var answerer = new OpenAIAnswerer(Options(_server.Endpoint), NoAnswerText);

        var (_, streamed) = await StreamAsync(answerer);
        var whole = await answerer.AnswerAsync(Question, Passages).WaitAsync(Step);

        Assert.Equal(whole.Text, streamed.Text);
        Assert.Equal(whole.Sources, streamed.Sources);
    }

    [Fact]
    public async Task Stream_CitedReply_AsksForStream()
    {
        _server.RespondWith(CitedReply);

        await StreamAsync();

        Assert.True((bool?)Assert.Single(_server.Requests).Body["stream"]);
    }

    [Fact]
    public async Task Stream_FirstSentenceCited_ReleasedBeforeReplyEnds()
    {
        var gate = new TaskCompletionSource();
        _server.RespondWithGatedStream(
            ["Hash indexes help with ", "equality comparisons [2]", ". A B-tree"], gate.Task, [" index is the default [2]."]);
        using var answerer = new OpenAIAnswerer(Options(_server.Endpoint), NoAnswerText);
        await using var updates = answerer.StreamAnswerAsync(Question, Passages).GetAsyncEnumerator();

        // Without streaming the first update would wait for the gate, which opens only after this read.
        var moved = await updates.MoveNextAsync().AsTask().WaitAsync(Step);
        var first = updates.Current;
        gate.SetResult();
        while (await updates.MoveNextAsync().AsTask().WaitAsync(Step))
        {
        }

        Assert.True(moved);
        Assert.Equal("Hash indexes help with equality comparisons.", first.Delta);
    }

    [Fact]
    public async Task Stream_MarkerSplitAcrossPieces_NotInDeltas()
    {
        _server.RespondWithPieces("Hash indexes help with equality [", "2", "]. A B-tree index ", "is the default [", "2]. ");

        var (deltas, _) = await StreamAsync();

        Assert.DoesNotContain(deltas, delta => delta.Contains('[') || delta.Contains(']'));
    }

    [Fact]
    public async Task Stream_UncitedReply_StreamsNoAnswerText()
    {
        _server.RespondWith("Hash indexes help with equality comparisons. A B-tree index is the default.");

        var (deltas, answer) = await StreamAsync();

        Assert.False(answer.Answered);
        Assert.Equal([NoAnswerText], deltas);
    }

    [Fact]
    public async Task Stream_NoAnswerSignal_StreamsNoAnswerText()
    {
        _server.RespondWith("NO_ANSWER");

        var (deltas, answer) = await StreamAsync();

        Assert.False(answer.Answered);
        Assert.Equal([NoAnswerText], deltas);
    }

    [Fact]
    public async Task Stream_ThinkingBlock_NotReleased()
    {
        _server.RespondWith("<think>Passage [2] says so. It is clear [2]. </think>Hash indexes help with equality [2]. Done [2].");

        var (deltas, answer) = await StreamAsync();

        Assert.DoesNotContain(deltas, delta => delta.Contains("think", StringComparison.Ordinal));
        Assert.Equal(answer.Text, string.Concat(deltas));
    }

    [Fact]
    public async Task Stream_ServerError_ThrowsModelException()
    {
        _server.RespondWithStatus(500, """{"error":{"message":"boom"}}""");

        var failure = await Assert.ThrowsAsync<AnswerModelException>(() => StreamAsync());

        Assert.Equal(AnswerModelFailure.ServerError, failure.Failure);
    }

    [Fact]
    public async Task Stream_NoPassages_SkipsModel()
    {
        using var answerer = new OpenAIAnswerer(Options(_server.Endpoint), NoAnswerText);
        var deltas = new List<string>();

        await foreach (var update in answerer.StreamAnswerAsync(Question, []))
        {
            deltas.AddRange(update.Delta is { } delta ? [delta] : []);
        }

        Assert.Equal([NoAnswerText], deltas);
        Assert.Empty(_server.Requests);
    }

    private async Task<(List<string> Deltas, GroundedAnswer Answer)> StreamAsync()
    {
        using var answerer = new OpenAIAnswerer(Options(_server.Endpoint), NoAnswerText);
        return await StreamAsync(answerer);
    }

    private static async Task<(List<string> Deltas, GroundedAnswer Answer)> StreamAsync(OpenAIAnswerer answerer)
    {
        var deltas = new List<string>();
        GroundedAnswer? answer = null;
        using var timeout = new CancellationTokenSource(Step);
        await foreach (var update in answerer.StreamAnswerAsync(Question, Passages, timeout.Token))
        {
            if (update.Delta is { } delta)
            {
                deltas.Add(delta);
            }

            answer = update.Final ?? answer;
        }

        return (deltas, answer ?? throw new InvalidOperationException("The stream ended without a final answer."));
    }
}
