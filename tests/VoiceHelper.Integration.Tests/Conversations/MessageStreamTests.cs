using System.Net;
using System.Text.Json;
using VoiceHelper.Integration.Tests.Infrastructure;
using static VoiceHelper.Integration.Tests.Infrastructure.GatewayCalls;

namespace VoiceHelper.Integration.Tests.Conversations;

/// <summary>
/// Messages whose replies stream as server-sent events, parsed as a browser parses them: event order and ids,
/// resuming after a disconnect on another gateway, cancelling, idempotent retries, and a silo crash during an answer.
/// </summary>
[Collection(ServiceCollection.Name)]
[Trait("Category", "Integration")]
public sealed class MessageStreamTests(ServiceFixture fixture)
{
    private const string Question = "How do I create an index?";
    private static readonly TimeSpan StreamTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task SendMessage_EventStream_DeliversResponseDeltasSourcesDone()
    {
        using var client = fixture.CreateStreamingClient(fixture.AdminKeyOfTenantA);
        var conversationId = await ManualPages.CreateConversationAsync(fixture, client);
        using var timeout = new CancellationTokenSource(StreamTimeout);

        using var response = await SendMessageForEventsAsync(client, conversationId, Question, null, timeout.Token);
        var events = await ReadAllEventsAsync(response, timeout.Token);
        var started = Json(events[0]);
        var deltas = events.Where(e => e.Type == "delta").ToList();
        var done = Json(events[^1]);
        var stored = (await ReadMessagesAsync(client, conversationId))[1];

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.NoCache, $"Cache-Control is '{response.Headers.CacheControl}'.");
        Assert.Equal(["response", .. deltas.Select(_ => "delta"), "sources", "done"], events.Select(e => e.Type));
        Assert.NotEmpty(deltas);
        Assert.False(events[0].HasId);
        Assert.Equal(Enumerable.Range(1, events.Count - 1).Select(n => n.ToString()), events.Skip(1).Select(e => e.LastEventId));
        Assert.Equal(started.GetProperty("response_id").GetString(), response.Headers.GetValues("VoiceHelper-Response-Id").Single());
        Assert.Equal(started.GetProperty("response_id").GetGuid(), done.GetProperty("id").GetGuid());
        Assert.Equal(started.GetProperty("message").GetProperty("id").GetGuid(), done.GetProperty("reply_to").GetGuid());
        Assert.Equal("completed", done.GetProperty("status").GetString());
        Assert.Equal(done.GetProperty("text").GetString(), string.Concat(deltas.Select(e => Json(e).GetProperty("text").GetString())));
        Assert.Equal(done.GetProperty("id").GetGuid(), stored.GetProperty("id").GetGuid());
        Assert.Equal(done.GetProperty("text").GetString(), stored.GetProperty("text").GetString());
        Assert.Equal("completed", stored.GetProperty("status").GetString());
    }

    [Fact]
    public async Task SendMessage_EventStream_SourcesEventCitesPage()
    {
        using var client = fixture.CreateStreamingClient(fixture.AdminKeyOfTenantA);
        var manual = await ManualPages.GetAsync(fixture);
        var conversationId = await ManualPages.CreateConversationAsync(fixture, client);
        using var timeout = new CancellationTokenSource(StreamTimeout);

        using var response = await SendMessageForEventsAsync(client, conversationId, Question, null, timeout.Token);
        var events = await ReadAllEventsAsync(response, timeout.Token);
        var sources = Json(events.Single(e => e.Type == "sources")).GetProperty("sources").EnumerateArray().ToList();

        Assert.Contains(sources, source => source.GetProperty("document_id").GetGuid() == manual.DocumentIds["sql-createindex.html"]);
        Assert.All(sources, source => Assert.False(string.IsNullOrEmpty(source.GetProperty("quote").GetString())));
        Assert.All(sources, source => Assert.True(source.TryGetProperty("heading", out _), source.ToString()));
    }

    [Fact]
    public async Task ResponseEvents_ResumedOnOtherGateway_ReplaysExactlyMissedEvents()
    {
        using var client = fixture.CreateStreamingClient(fixture.AdminKeyOfTenantA);
        using var otherGateway = fixture.CreateStreamingClient(fixture.AdminKeyOfTenantA, await fixture.GetSecondGatewayAddressAsync());
        var conversationId = await ManualPages.CreateConversationAsync(fixture, client);
        using var timeout = new CancellationTokenSource(StreamTimeout);
        Guid responseId;
        ServerSentEvent firstDelta;
        using (var response = await SendMessageForEventsAsync(client, conversationId, Question, null, timeout.Token))
        {
            var reader = new ServerSentEventReader(await response.Content.ReadAsStreamAsync(timeout.Token));
            responseId = Json((await reader.ReadAsync(timeout.Token))!).GetProperty("response_id").GetGuid();
            firstDelta = (await reader.ReadAsync(timeout.Token))!;
        }

        using var resumed = await OpenResponseEventsAsync(otherGateway, conversationId, responseId, firstDelta.LastEventId, timeout.Token);
        var rest = await ReadAllEventsAsync(resumed, timeout.Token);
        using var replayed = await OpenResponseEventsAsync(client, conversationId, responseId, null, timeout.Token);
        var all = await ReadAllEventsAsync(replayed, timeout.Token);
        var deltas = new[] { firstDelta }.Concat(rest).Where(e => e.Type == "delta");

        Assert.Equal("delta", firstDelta.Type);
        Assert.Equal(HttpStatusCode.OK, resumed.StatusCode);
        Assert.Equal(all[0], firstDelta);
        Assert.Equal(all.Skip(1), rest);
        Assert.Equal("done", rest[^1].Type);
        Assert.Equal(Json(rest[^1]).GetProperty("text").GetString(), string.Concat(deltas.Select(e => Json(e).GetProperty("text").GetString())));
    }

    [Fact]
    public async Task ResponseEvents_AfterDoneEvent_Returns204()
    {
        using var client = fixture.CreateStreamingClient(fixture.AdminKeyOfTenantA);
        var conversationId = await CreateConversationAsync(client);
        using var timeout = new CancellationTokenSource(StreamTimeout);
        using var sent = await SendMessageForEventsAsync(client, conversationId, Question, null, timeout.Token);
        var events = await ReadAllEventsAsync(sent, timeout.Token);
        var responseId = Json(events[0]).GetProperty("response_id").GetGuid();

        using var resumed = await OpenResponseEventsAsync(client, conversationId, responseId, events[^1].LastEventId, timeout.Token);

        Assert.Equal(HttpStatusCode.NoContent, resumed.StatusCode);
    }

    [Fact]
    public async Task SendMessage_ClientDisconnectsDuringAnswer_StoresCancelledTurn()
    {
        using var client = fixture.CreateStreamingClient(fixture.AdminKeyOfTenantA);
        var conversationId = await CreateConversationAsync(client);
        using var timeout = new CancellationTokenSource(StreamTimeout);
        Guid responseId;
        List<ServerSentEvent> observed;
        // NOTE: the extractive answerer produces its whole text at once, so every delta and the sources are
        // appended together and a disconnect after the first delta comes too late to cancel anything. Holding
        // retrieval is the one way to disconnect while the answer is still being made; its text is then empty.
        await using (await RetrievalLock.AcquireAsync(fixture.DataSource))
        {
            using (var response = await SendMessageForEventsAsync(client, conversationId, Question, null, timeout.Token))
            {
                var reader = new ServerSentEventReader(await response.Content.ReadAsStreamAsync(timeout.Token));
                responseId = Json((await reader.ReadAsync(timeout.Token))!).GetProperty("response_id").GetGuid();
            }

            // Retrieval is still held, so only the disconnect can have ended the answer that this reads.
            using var events = await OpenResponseEventsAsync(client, conversationId, responseId, null, timeout.Token);
            observed = await ReadAllEventsAsync(events, timeout.Token);
        }

        var stored = (await ReadMessagesAsync(client, conversationId))[1];

        Assert.Equal("done", observed[^1].Type);
        Assert.Equal("cancelled", Json(observed[^1]).GetProperty("status").GetString());
        Assert.Equal(responseId, stored.GetProperty("id").GetGuid());
        Assert.Equal("cancelled", stored.GetProperty("status").GetString());
    }

    [Fact]
    public async Task CancelResponse_DuringAnswer_EndsStreamWithCancelledTurn()
    {
        using var client = fixture.CreateStreamingClient(fixture.AdminKeyOfTenantA);
        var conversationId = await CreateConversationAsync(client);
        using var timeout = new CancellationTokenSource(StreamTimeout);
        HttpStatusCode cancelStatus;
        JsonElement cancelBody;
        List<ServerSentEvent> rest;
        await using (await RetrievalLock.AcquireAsync(fixture.DataSource))
        {
            using var response = await SendMessageForEventsAsync(client, conversationId, Question, null, timeout.Token);
            var reader = new ServerSentEventReader(await response.Content.ReadAsStreamAsync(timeout.Token));
            var responseId = Json((await reader.ReadAsync(timeout.Token))!).GetProperty("response_id").GetGuid();

            using var cancel = await client.PostAsync(
                $"/api/v1/conversations/{conversationId}/responses/{responseId}/cancel", null, timeout.Token);
            cancelStatus = cancel.StatusCode;
            cancelBody = await ReadJsonAsync(cancel);
            rest = await reader.ReadAllAsync(timeout.Token);
        }

        Assert.Equal(HttpStatusCode.OK, cancelStatus);
        Assert.True(cancelBody.GetProperty("cancelled").GetBoolean(), cancelBody.ToString());
        Assert.Equal(["sources", "done"], rest.Select(e => e.Type));
        Assert.Equal("cancelled", Json(rest[^1]).GetProperty("status").GetString());
    }

    [Fact]
    public async Task CancelResponse_AlreadyAnswered_ReturnsNotCancelled()
    {
        using var client = fixture.CreateClient(fixture.AdminKeyOfTenantA);
        var conversationId = await CreateConversationAsync(client);
        using var sent = await SendMessageAsync(client, conversationId, Question);
        var responseId = (await ReadJsonAsync(sent)).GetProperty("reply").GetProperty("id").GetGuid();

        using var cancel = await client.PostAsync($"/api/v1/conversations/{conversationId}/responses/{responseId}/cancel", null);
        var body = await ReadJsonAsync(cancel);

        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        Assert.False(body.GetProperty("cancelled").GetBoolean());
        Assert.Equal(responseId, body.GetProperty("response_id").GetGuid());
    }

    [Fact]
    public async Task CancelResponse_UnknownResponse_Returns404()
    {
        using var client = fixture.CreateClient(fixture.AdminKeyOfTenantA);
        var conversationId = await CreateConversationAsync(client);

        using var cancel = await client.PostAsync($"/api/v1/conversations/{conversationId}/responses/{Guid.NewGuid()}/cancel", null);
        var body = await ReadJsonAsync(cancel);

        Assert.Equal(HttpStatusCode.NotFound, cancel.StatusCode);
        Assert.Equal("response_not_found", body.GetProperty("code").GetString());
    }

    [Fact]
    public async Task ResponseEvents_UnknownResponse_Returns404Problem()
    {
        using var client = fixture.CreateStreamingClient(fixture.AdminKeyOfTenantA);
        var conversationId = await CreateConversationAsync(client);
        using var timeout = new CancellationTokenSource(StreamTimeout);

        using var events = await OpenResponseEventsAsync(client, conversationId, Guid.NewGuid(), null, timeout.Token);
        var body = await ReadJsonAsync(events);

        Assert.Equal(HttpStatusCode.NotFound, events.StatusCode);
        Assert.Equal("response_not_found", body.GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("one")]
    public async Task ResponseEvents_BadLastEventId_Returns400NamingHeader(string lastEventId)
    {
        using var client = fixture.CreateStreamingClient(fixture.AdminKeyOfTenantA);
        var conversationId = await CreateConversationAsync(client);
        using var timeout = new CancellationTokenSource(StreamTimeout);

        using var events = await OpenResponseEventsAsync(client, conversationId, Guid.NewGuid(), lastEventId, timeout.Token);
        var body = await ReadJsonAsync(events);

        Assert.Equal(HttpStatusCode.BadRequest, events.StatusCode);
        Assert.True(body.GetProperty("errors").TryGetProperty("Last-Event-ID", out _), body.ToString());
    }

    [Fact]
    public async Task SendMessage_RetriedWithSameKey_ReturnsStoredTurns()
    {
        using var client = fixture.CreateClient(fixture.AdminKeyOfTenantA);
        var conversationId = await CreateConversationAsync(client);
        var key = $"retry-{Guid.NewGuid():N}";

        using var first = await SendMessageAsync(client, conversationId, Question, key);
        using var second = await SendMessageAsync(client, conversationId, Question, key);
        var firstBody = await ReadJsonAsync(first);
        var secondBody = await ReadJsonAsync(second);
        var messages = await ReadMessagesAsync(client, conversationId);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.False(firstBody.GetProperty("replayed").GetBoolean());
        Assert.True(secondBody.GetProperty("replayed").GetBoolean());
        Assert.Equal("true", second.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(MessageId(firstBody, "message"), MessageId(secondBody, "message"));
        Assert.Equal(MessageId(firstBody, "reply"), MessageId(secondBody, "reply"));
        Assert.Equal(firstBody.GetProperty("reply").GetProperty("text").GetString(), secondBody.GetProperty("reply").GetProperty("text").GetString());
        Assert.Equal(2, messages.Count);
    }

    [Fact]
    public async Task SendMessage_EventStreamRetriedWithSameKey_ReplaysStoredResponse()
    {
        using var client = fixture.CreateStreamingClient(fixture.AdminKeyOfTenantA);
        var conversationId = await CreateConversationAsync(client);
        var key = $"retry-{Guid.NewGuid():N}";
        using var timeout = new CancellationTokenSource(StreamTimeout);
        using var first = await SendMessageAsync(client, conversationId, Question, key);
        var firstBody = await ReadJsonAsync(first);

        using var retried = await SendMessageForEventsAsync(client, conversationId, Question, key, timeout.Token);
        var events = await ReadAllEventsAsync(retried, timeout.Token);
        var started = Json(events[0]);
        var messages = await ReadMessagesAsync(client, conversationId);

        Assert.True(started.GetProperty("replayed").GetBoolean());
        Assert.Equal(MessageId(firstBody, "message"), started.GetProperty("message").GetProperty("id").GetGuid());
        Assert.Equal(MessageId(firstBody, "reply"), started.GetProperty("response_id").GetGuid());
        Assert.Equal(MessageId(firstBody, "reply"), Json(events[^1]).GetProperty("id").GetGuid());
        Assert.Equal(2, messages.Count);
    }

    [Fact]
    public async Task SendMessage_SameKeyOtherText_Returns422()
    {
        using var client = fixture.CreateClient(fixture.AdminKeyOfTenantA);
        var conversationId = await CreateConversationAsync(client);
        var key = $"retry-{Guid.NewGuid():N}";
        using var first = await SendMessageAsync(client, conversationId, Question, key);

        using var second = await SendMessageAsync(client, conversationId, "A different question", key);
        var body = await ReadJsonAsync(second);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, second.StatusCode);
        Assert.Equal("idempotency_key_reused", body.GetProperty("code").GetString());
        Assert.Equal(2, (await ReadMessagesAsync(client, conversationId)).Count);
    }

    public static TheoryData<string> BadIdempotencyKeys => new() { string.Empty, "k\u007f", new string('k', 256) };

    [Theory]
    [MemberData(nameof(BadIdempotencyKeys))]
    public async Task SendMessage_BadIdempotencyKey_Returns400NamingHeader(string key)
    {
        using var client = fixture.CreateClient(fixture.AdminKeyOfTenantA);
        var conversationId = await CreateConversationAsync(client);

        using var response = await SendMessageAsync(client, conversationId, Question, key);
        var body = await ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(body.GetProperty("errors").TryGetProperty("Idempotency-Key", out _), body.ToString());
        Assert.Equal(0, await CountTurnsAsync(fixture, conversationId));
    }

    [Fact]
    public async Task SendMessage_EventStreamWithoutKnowledgeBase_Returns409Problem()
    {
        using var client = fixture.CreateStreamingClient(fixture.AdminKeyOfTenantA);
        using var created = await PostRawAsync(client, "/api/v1/conversations", """{ "title": "no knowledge" }""");
        var conversationId = (await ReadJsonAsync(created)).GetProperty("id").GetGuid();
        using var timeout = new CancellationTokenSource(StreamTimeout);

        using var response = await SendMessageForEventsAsync(client, conversationId, Question, null, timeout.Token);
        var body = await ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("knowledge_base_required", body.GetProperty("code").GetString());
    }

    [Fact]
    public async Task SendMessage_SiloKilledDuringAnswer_HistoryKeepsAcknowledgedTurns()
    {
        using var client = fixture.CreateStreamingClient(fixture.AdminKeyOfTenantA);
        var conversationId = await CreateConversationAsync(client);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var key = $"crash-{Guid.NewGuid():N}";
        using var answered = await SendMessageAsync(client, conversationId, "Answered before the crash?");
        Guid responseId;
        ServerSentEvent? ending;
        await using (await RetrievalLock.AcquireAsync(fixture.DataSource))
        {
            using var response = await SendMessageForEventsAsync(client, conversationId, "Interrupted by the crash?", key, timeout.Token);
            var reader = new ServerSentEventReader(await response.Content.ReadAsStreamAsync(timeout.Token));
            responseId = Json((await reader.ReadAsync(timeout.Token))!).GetProperty("response_id").GetGuid();

            await fixture.CrashAndReplaceSiloAsync();
            ending = await reader.ReadAsync(timeout.Token);
        }

        using var resumed = await RetryWhileUnavailableAsync(
            () => OpenResponseEventsAsync(client, conversationId, responseId, null, timeout.Token));
        var events = await ReadAllEventsAsync(resumed, timeout.Token);
        using var retried = await SendMessageAsync(client, conversationId, "Interrupted by the crash?", key);
        var retriedBody = await ReadJsonAsync(retried);
        var messages = await ReadMessagesAsync(client, conversationId);

        Assert.Equal("error", ending?.Type);
        Assert.Equal("done", events[^1].Type);
        Assert.Equal("failed", Json(events[^1]).GetProperty("status").GetString());
        Assert.Equal(responseId, MessageId(retriedBody, "reply"));
        Assert.Equal(
            ["Answered before the crash?", "Interrupted by the crash?"],
            messages.Where(m => m.GetProperty("role").GetString() == "user").Select(m => m.GetProperty("text").GetString()));
        Assert.Equal(
            ["completed", "completed", "completed", "failed"],
            messages.Select(m => m.GetProperty("status").GetString()));
        Assert.Equal(responseId, messages[3].GetProperty("id").GetGuid());
    }

    private static async Task<List<ServerSentEvent>> ReadAllEventsAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        return await new ServerSentEventReader(stream).ReadAllAsync(cancellationToken);
    }

    private static JsonElement Json(ServerSentEvent serverSentEvent) => JsonDocument.Parse(serverSentEvent.Data).RootElement.Clone();

    private static Guid MessageId(JsonElement body, string turn) => body.GetProperty(turn).GetProperty("id").GetGuid();
}
