using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Reflection.V1;
using VoiceHelper.Api.V1;
using VoiceHelper.Integration.Tests.Infrastructure;
using static VoiceHelper.Integration.Tests.Infrastructure.RpcCalls;

namespace VoiceHelper.Integration.Tests.Conversations;

[Collection(ServiceCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ConversationRpcTests(ServiceFixture fixture, ManualKnowledgeBase manual)
    : IClassFixture<ManualKnowledgeBase>, IDisposable
{
    private const string VacuumQuestion = "What does VACUUM FULL do?";

    private readonly GrpcChannel _channel = GrpcChannel.ForAddress(fixture.GatewayGrpcAddress);

    public void Dispose() => _channel.Dispose();

    [Fact]
    public async Task Chat_NewMessage_StreamsStartedDeltasSourcesDone()
    {
        var client = Client();
        var (conversationId, documentIds) = await CreateManualConversationAsync(client);

        var events = await ChatAsync(client, new ChatRequest { ConversationId = conversationId, Text = VacuumQuestion });
        var history = await client.ListMessagesAsync(new ListMessagesRequest { ConversationId = conversationId }, Deadline());

        var userMessage = events[0].Started.UserMessage;
        var deltas = events.Skip(1).SkipLast(2).ToList();
        var assistantMessage = events[^1].Done.AssistantMessage;
        Assert.Equal(ChatEvent.EventOneofCase.Started, events[0].EventCase);
        Assert.Equal(VacuumQuestion, userMessage.Text);
        Assert.Equal(MessageRole.User, userMessage.Role);
        Assert.False(events[0].Started.Replayed);
        Assert.NotEmpty(deltas);
        Assert.All(deltas, delta => Assert.Equal(ChatEvent.EventOneofCase.Delta, delta.EventCase));
        Assert.Equal(ChatEvent.EventOneofCase.Sources, events[^2].EventCase);
        Assert.Equal(ChatEvent.EventOneofCase.Done, events[^1].EventCase);
        Assert.Equal(Enumerable.Range(0, events.Count).Select(number => (long)number), events.Select(e => e.Sequence));
        Assert.All(events, e => Assert.Equal(events[0].ResponseId, e.ResponseId));
        Assert.Equal(assistantMessage.Text, string.Concat(deltas.Select(delta => delta.Delta.Text)));
        Assert.Equal(MessageStatus.Completed, assistantMessage.Status);
        Assert.Equal(events[0].ResponseId, assistantMessage.Id);
        Assert.Equal(userMessage.Id, assistantMessage.ReplyToId);
        Assert.Contains(documentIds["sql-vacuum.html"], events[^2].Sources.Sources.Select(source => source.DocumentId));
        Assert.Equal(events[^2].Sources.Sources, assistantMessage.Sources);
        Assert.Equal([userMessage.Id, assistantMessage.Id], history.Messages.Select(message => message.Id));
        Assert.Equal(assistantMessage, history.Messages[1]);
    }

    [Fact]
    public async Task Chat_ResumeAfterFirstDelta_ReturnsRest()
    {
        var client = Client();
        var (conversationId, _) = await CreateManualConversationAsync(client);
        var all = await ChatAsync(client, new ChatRequest { ConversationId = conversationId, Text = VacuumQuestion });

        var rest = await ChatAsync(client,
            new ChatRequest { ConversationId = conversationId, ResponseId = all[0].ResponseId, ResumeAfter = 1 });

        var restDeltas = rest.Where(e => e.EventCase == ChatEvent.EventOneofCase.Delta).Select(e => e.Delta.Text);
        Assert.Equal(ChatEvent.EventOneofCase.Delta, all[1].EventCase);
        Assert.Equal(all.Skip(2), rest);
        Assert.Equal(all[^1].Done.AssistantMessage.Text, all[1].Delta.Text + string.Concat(restDeltas));
    }

    [Fact]
    public async Task Chat_ResumeAfterDone_EndsWithoutEvents()
    {
        var client = Client();
        var (conversationId, _) = await CreateManualConversationAsync(client);
        var all = await ChatAsync(client, new ChatRequest { ConversationId = conversationId, Text = VacuumQuestion });

        var rest = await ChatAsync(client, new ChatRequest
        {
            ConversationId = conversationId, ResponseId = all[0].ResponseId, ResumeAfter = all[^1].Sequence,
        });

        Assert.Empty(rest);
    }

    [Fact]
    public async Task Chat_ClientCancelsAfterStarted_StoresCancelledMessage()
    {
        var client = Client();
        var (conversationId, _) = await CreateManualConversationAsync(client);
        using var cancellation = new CancellationTokenSource();
        ChatEvent started;
        RpcException ended;
        // Retrieval waits for the lock, so the answer is still running when the cancellation reaches the grain.
        await using (await RetrievalLock.AcquireAsync(fixture.DataSource))
        {
            using var call = client.Chat(new ChatRequest { ConversationId = conversationId, Text = VacuumQuestion },
                Deadline().WithCancellationToken(cancellation.Token));
            started = await ReadNextAsync(call);
            await cancellation.CancelAsync();
            ended = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));
        }

        var reply = await WaitUntilAnswerEndedAsync(client, conversationId, started.ResponseId);

        Assert.Equal(StatusCode.Cancelled, ended.StatusCode);
        Assert.Equal(MessageStatus.Cancelled, reply.Status);
        Assert.Equal(started.Started.UserMessage.Id, reply.ReplyToId);
    }

    [Fact]
    public async Task Chat_DeadlinePassesMidAnswer_StoresCancelledMessage()
    {
        var client = Client();
        var (conversationId, _) = await CreateManualConversationAsync(client);
        var request = new ChatRequest { ConversationId = conversationId, Text = VacuumQuestion };

        // Retrieval waits for the lock, so the answer cannot end before the deadline passes.
        RpcException ended;
        await using (await RetrievalLock.AcquireAsync(fixture.DataSource))
        {
            using var call = client.Chat(request, Deadline(TimeSpan.FromMilliseconds(300)));
            ended = await Assert.ThrowsAsync<RpcException>(() => ReadAllAsync(call));
        }

        var reply = await WaitUntilAnswerEndedAsync(client, conversationId);
        var stored = await client.ListMessagesAsync(new ListMessagesRequest { ConversationId = conversationId }, Deadline());

        Assert.Equal(StatusCode.DeadlineExceeded, ended.StatusCode);
        Assert.Equal([MessageRole.User, MessageRole.Assistant], stored.Messages.Select(message => message.Role));
        Assert.Equal(MessageStatus.Cancelled, reply.Status);
    }

    [Fact]
    public async Task Chat_BackgroundCallCancelled_AnswerCompletes()
    {
        var client = Client();
        var (conversationId, _) = await CreateManualConversationAsync(client);
        var request = new ChatRequest { ConversationId = conversationId, Text = VacuumQuestion, Background = true };
        var started = await ReadFirstThenCancelAsync(client, request);

        var resumed = await ChatAsync(client, new ChatRequest { ConversationId = conversationId, ResponseId = started.ResponseId });

        var deltas = resumed.Where(e => e.EventCase == ChatEvent.EventOneofCase.Delta).Select(e => e.Delta.Text);
        Assert.Equal(MessageStatus.Completed, resumed[^1].Done.AssistantMessage.Status);
        Assert.Equal(resumed[^1].Done.AssistantMessage.Text, string.Concat(deltas));
        Assert.Equal(1, resumed[0].Sequence);
    }

    [Fact]
    public async Task Chat_ResumeCallCancelled_LeavesAnswerRunning()
    {
        var client = Client();
        var (conversationId, _) = await CreateManualConversationAsync(client);
        using var original = client.Chat(new ChatRequest { ConversationId = conversationId, Text = VacuumQuestion }, Deadline());
        var started = await ReadNextAsync(original);

        await StartThenCancelAsync(client, new ChatRequest { ConversationId = conversationId, ResponseId = started.ResponseId });
        var rest = await ReadAllAsync(original);

        Assert.Equal(MessageStatus.Completed, rest[^1].Done.AssistantMessage.Status);
    }

    [Fact]
    public async Task Chat_SameIdempotencyKey_ReplaysOneExchange()
    {
        var client = Client();
        var (conversationId, _) = await CreateManualConversationAsync(client);
        var request = new ChatRequest { ConversationId = conversationId, Text = VacuumQuestion, IdempotencyKey = "rpc-retry-1" };

        var first = await ChatAsync(client, request);
        var second = await ChatAsync(client, request);
        var history = await client.ListMessagesAsync(new ListMessagesRequest { ConversationId = conversationId }, Deadline());

        Assert.False(first[0].Started.Replayed);
        Assert.True(second[0].Started.Replayed);
        Assert.Equal(first[0].Started.UserMessage.Id, second[0].Started.UserMessage.Id);
        Assert.Equal(first[0].ResponseId, second[0].ResponseId);
        Assert.Equal(first[^1].Done.AssistantMessage.Id, second[^1].Done.AssistantMessage.Id);
        Assert.Equal(first.Skip(1), second.Skip(1));
        Assert.Equal(2, history.Messages.Count);
    }

    [Fact]
    public async Task Chat_KeyReusedForOtherText_ReturnsInvalidArgument()
    {
        var client = Client();
        var (conversationId, _) = await CreateManualConversationAsync(client);
        await ChatAsync(client, new ChatRequest { ConversationId = conversationId, Text = VacuumQuestion, IdempotencyKey = "rpc-reuse-1" });

        var failure = await Assert.ThrowsAsync<RpcException>(() => ChatAsync(client,
            new ChatRequest { ConversationId = conversationId, Text = "Something else entirely?", IdempotencyKey = "rpc-reuse-1" }));
        var history = await client.ListMessagesAsync(new ListMessagesRequest { ConversationId = conversationId }, Deadline());

        Assert.Equal(StatusCode.InvalidArgument, failure.StatusCode);
        Assert.Equal("idempotency_key_reused", ErrorCode(failure));
        Assert.Equal(2, history.Messages.Count);
    }

    [Fact]
    public async Task Chat_OtherTenantsConversation_ReturnsNotFound()
    {
        var owner = Client();
        var (conversationId, _) = await CreateManualConversationAsync(owner);
        var other = Client(fixture.AdminKeyOfTenantB);

        var failure = await Assert.ThrowsAsync<RpcException>(() =>
            ChatAsync(other, new ChatRequest { ConversationId = conversationId, Text = VacuumQuestion }));
        var history = await owner.ListMessagesAsync(new ListMessagesRequest { ConversationId = conversationId }, Deadline());

        Assert.Equal(StatusCode.NotFound, failure.StatusCode);
        Assert.Equal("conversation_not_found", ErrorCode(failure));
        Assert.Equal("conversation_not_found", ErrorInfoReason(failure));
        Assert.Empty(history.Messages);
    }

    [Fact]
    public async Task GetConversation_OtherTenant_ReturnsNotFound()
    {
        var owner = Client();
        var (conversationId, _) = await CreateManualConversationAsync(owner);
        var other = Client(fixture.KeyOfTenantB);

        var failure = await Assert.ThrowsAsync<RpcException>(() =>
            other.GetConversationAsync(new GetConversationRequest { ConversationId = conversationId }, Deadline()).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, failure.StatusCode);
        Assert.Equal("conversation_not_found", ErrorCode(failure));
    }

    [Fact]
    public async Task Chat_NoKnowledgeBase_ReturnsFailedPrecondition()
    {
        var client = Client();
        var conversation = await client.CreateConversationAsync(new CreateConversationRequest { Title = "no knowledge base" }, Deadline());

        var failure = await Assert.ThrowsAsync<RpcException>(() =>
            ChatAsync(client, new ChatRequest { ConversationId = conversation.Id, Text = VacuumQuestion }));
        var history = await client.ListMessagesAsync(new ListMessagesRequest { ConversationId = conversation.Id }, Deadline());

        Assert.Equal(StatusCode.FailedPrecondition, failure.StatusCode);
        Assert.Equal("knowledge_base_required", ErrorCode(failure));
        Assert.Empty(history.Messages);
    }

    [Fact]
    public async Task Chat_ResponseOfOtherConversation_ReturnsNotFound()
    {
        var client = Client();
        var (first, _) = await CreateManualConversationAsync(client);
        var (second, _) = await CreateManualConversationAsync(client);
        var events = await ChatAsync(client, new ChatRequest { ConversationId = first, Text = VacuumQuestion });

        var failure = await Assert.ThrowsAsync<RpcException>(() =>
            ChatAsync(client, new ChatRequest { ConversationId = second, ResponseId = events[0].ResponseId }));

        Assert.Equal(StatusCode.NotFound, failure.StatusCode);
        Assert.Equal("response_not_found", ErrorCode(failure));
    }

    [Fact]
    public async Task Chat_ResponseIdWithText_ReturnsInvalidArgument()
    {
        var client = Client();
        var (conversationId, _) = await CreateManualConversationAsync(client);

        var failure = await Assert.ThrowsAsync<RpcException>(() => ChatAsync(client, new ChatRequest
        {
            ConversationId = conversationId, ResponseId = Guid.NewGuid().ToString(), Text = VacuumQuestion,
        }));

        Assert.Equal(StatusCode.InvalidArgument, failure.StatusCode);
        Assert.Equal("validation_failed", ErrorCode(failure));
        Assert.Equal(["text"], InvalidFields(failure));
    }

    [Fact]
    public async Task Chat_BlankText_ReturnsInvalidArgument()
    {
        var client = Client();
        var (conversationId, _) = await CreateManualConversationAsync(client);

        var failure = await Assert.ThrowsAsync<RpcException>(() =>
            ChatAsync(client, new ChatRequest { ConversationId = conversationId, Text = "  " }));

        Assert.Equal(StatusCode.InvalidArgument, failure.StatusCode);
        Assert.Equal(["text"], InvalidFields(failure));
    }

    [Fact]
    public async Task CancelResponse_AnswerEnded_ReturnsFalse()
    {
        var client = Client();
        var (conversationId, _) = await CreateManualConversationAsync(client);
        var events = await ChatAsync(client, new ChatRequest { ConversationId = conversationId, Text = VacuumQuestion });

        var response = await client.CancelResponseAsync(
            new CancelResponseRequest { ConversationId = conversationId, ResponseId = events[0].ResponseId }, Deadline());

        Assert.False(response.Cancelled);
    }

    [Fact]
    public async Task CancelResponse_UnknownResponse_ReturnsNotFound()
    {
        var client = Client();
        var (conversationId, _) = await CreateManualConversationAsync(client);

        var failure = await Assert.ThrowsAsync<RpcException>(() => client.CancelResponseAsync(
            new CancelResponseRequest { ConversationId = conversationId, ResponseId = Guid.NewGuid().ToString() },
            Deadline()).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, failure.StatusCode);
        Assert.Equal("response_not_found", ErrorCode(failure));
    }

    [Fact]
    public async Task ListMessages_PageSizeThree_PagesBackwards()
    {
        var client = Client();
        var (conversationId, _) = await CreateManualConversationAsync(client);
        foreach (var text in new[] { "What does VACUUM FULL do?", "How do I create an index?" })
        {
            await ChatAsync(client, new ChatRequest { ConversationId = conversationId, Text = text });
        }

        var newest = await client.ListMessagesAsync(
            new ListMessagesRequest { ConversationId = conversationId, PageSize = 3 }, Deadline());
        var older = await client.ListMessagesAsync(
            new ListMessagesRequest { ConversationId = conversationId, PageSize = 3, PageToken = newest.NextPageToken }, Deadline());

        Assert.Equal([2L, 3L, 4L], newest.Messages.Select(message => message.Sequence));
        Assert.NotEmpty(newest.NextPageToken);
        Assert.Equal([1L], older.Messages.Select(message => message.Sequence));
        Assert.Empty(older.NextPageToken);
    }

    [Fact]
    public async Task ListConversations_PageSizeTwo_PagesThroughTenant()
    {
        var client = Client(await fixture.CreateKeyAsync($"tenant-list-{Guid.NewGuid():N}", admin: false));
        var created = new List<string>();
        foreach (var title in new[] { "first", "second", "third" })
        {
            var conversation = await client.CreateConversationAsync(new CreateConversationRequest { Title = title }, Deadline());
            created.Add(conversation.Id);
        }

        var first = await client.ListConversationsAsync(new ListConversationsRequest { PageSize = 2 }, Deadline());
        var second = await client.ListConversationsAsync(
            new ListConversationsRequest { PageSize = 2, PageToken = first.NextPageToken }, Deadline());

        Assert.Equal([created[2], created[1]], first.Conversations.Select(conversation => conversation.Id));
        Assert.NotEmpty(first.NextPageToken);
        Assert.Equal([created[0]], second.Conversations.Select(conversation => conversation.Id));
        Assert.Empty(second.NextPageToken);
    }

    [Fact]
    public async Task ListConversations_MalformedPageToken_ReturnsInvalidArgument()
    {
        var client = Client();

        var failure = await Assert.ThrowsAsync<RpcException>(() => client.ListConversationsAsync(
            new ListConversationsRequest { PageToken = "not-a-token" }, Deadline()).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, failure.StatusCode);
        Assert.Equal(["page_token"], InvalidFields(failure));
    }

    [Fact]
    public async Task GetUsage_OneExchange_CountsBothMessages()
    {
        var apiKey = await fixture.CreateKeyAsync($"tenant-usage-{Guid.NewGuid():N}", admin: false);
        var client = Client(apiKey);
        var knowledgeBase = await CreateKnowledgeBaseAsync(CreateKnowledgeClient(_channel, apiKey));
        var conversation = await client.CreateConversationAsync(
            new CreateConversationRequest { KnowledgeBaseId = knowledgeBase }, Deadline());
        var before = await client.GetUsageAsync(new GetUsageRequest(), Deadline());

        var events = await ChatAsync(client, new ChatRequest { ConversationId = conversation.Id, Text = VacuumQuestion });
        var after = await client.GetUsageAsync(new GetUsageRequest(), Deadline());

        Assert.Equal(0, before.MessageCount);
        Assert.Null(before.UpdateTime);
        Assert.Equal(2, after.MessageCount);
        Assert.Equal(VacuumQuestion.Length, after.CharactersIn);
        Assert.Equal(events[^1].Done.AssistantMessage.Text.Length, after.CharactersOut);
        Assert.NotNull(after.UpdateTime);
    }

    [Fact]
    public async Task UpdateConversation_SetsKnowledgeBase_ChatAnswers()
    {
        var client = Client();
        var (knowledgeBase, documentIds) = await manual.GetAsync(fixture, _channel);
        var created = await client.CreateConversationAsync(new CreateConversationRequest { Title = "before" }, Deadline());

        var updated = await client.UpdateConversationAsync(new UpdateConversationRequest
        {
            ConversationId = created.Id, KnowledgeBaseId = knowledgeBase, Title = "  after  ", Language = "de-CH", Voice = "de",
        }, Deadline());
        var read = await client.GetConversationAsync(new GetConversationRequest { ConversationId = created.Id }, Deadline());
        var events = await ChatAsync(client, new ChatRequest { ConversationId = created.Id, Text = VacuumQuestion });

        Assert.Equal("after", updated.Title);
        Assert.Equal(knowledgeBase, updated.KnowledgeBaseId);
        Assert.Equal("de-CH", updated.Language);
        Assert.Equal("de", updated.Voice);
        Assert.Equal(updated, read);
        Assert.Equal(MessageStatus.Completed, events[^1].Done.AssistantMessage.Status);
        Assert.Contains(documentIds["sql-vacuum.html"], events[^1].Done.AssistantMessage.Sources.Select(source => source.DocumentId));
    }

    [Fact]
    public async Task CreateConversation_InvalidLanguage_ReturnsInvalidArgument()
    {
        var client = Client();

        var failure = await Assert.ThrowsAsync<RpcException>(() => client.CreateConversationAsync(
            new CreateConversationRequest { Language = "en_US" }, Deadline()).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, failure.StatusCode);
        Assert.Equal(["language"], InvalidFields(failure));
    }

    [Fact]
    public async Task CreateConversation_NoSettings_UsesDefaults()
    {
        var client = Client();

        var conversation = await client.CreateConversationAsync(new CreateConversationRequest(), Deadline());

        Assert.False(conversation.HasTitle);
        Assert.False(conversation.HasKnowledgeBaseId);
        Assert.False(conversation.HasVoice);
        Assert.Equal("en", conversation.Language);
    }

    [Fact]
    public async Task DeleteConversation_ThenGet_ReturnsNotFound()
    {
        var client = Client();
        var (conversationId, _) = await CreateManualConversationAsync(client);
        await ChatAsync(client, new ChatRequest { ConversationId = conversationId, Text = VacuumQuestion });

        await client.DeleteConversationAsync(new DeleteConversationRequest { ConversationId = conversationId }, Deadline());
        var failure = await Assert.ThrowsAsync<RpcException>(() =>
            client.GetConversationAsync(new GetConversationRequest { ConversationId = conversationId }, Deadline()).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, failure.StatusCode);
        Assert.Equal("conversation_not_found", ErrorCode(failure));
    }

    [Fact]
    public async Task Reflection_ListServices_IncludesConversationService()
    {
        var reflection = new ServerReflection.ServerReflectionClient(_channel);
        using var call = reflection.ServerReflectionInfo(Deadline());

        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = string.Empty });
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None), "The reflection service sent no response.");
        var services = call.ResponseStream.Current.ListServicesResponse.Service.Select(service => service.Name);

        Assert.Contains("voicehelper.v1.ConversationService", services);
    }

    private ConversationService.ConversationServiceClient Client(string? apiKey = null) =>
        CreateConversationClient(_channel, apiKey ?? fixture.AdminKeyOfTenantA);

    private async Task<(string ConversationId, IReadOnlyDictionary<string, string> DocumentIds)> CreateManualConversationAsync(
        ConversationService.ConversationServiceClient client)
    {
        var knowledgeBase = await manual.GetAsync(fixture, _channel);
        var conversation = await client.CreateConversationAsync(
            new CreateConversationRequest { Title = "rpc", KnowledgeBaseId = knowledgeBase.Id }, Deadline());
        return (conversation.Id, knowledgeBase.DocumentIds);
    }

    private static async Task<IReadOnlyList<ChatEvent>> ChatAsync(
        ConversationService.ConversationServiceClient client, ChatRequest request)
    {
        using var call = client.Chat(request, Deadline());
        return await ReadAllAsync(call);
    }

    private static async Task<ChatEvent> ReadNextAsync(AsyncServerStreamingCall<ChatEvent> call)
    {
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None), "The Chat call ended before its next event.");
        return call.ResponseStream.Current;
    }

    // Returns the first event of a call that the client then cancels, as a client that gives up would.
    private static async Task<ChatEvent> ReadFirstThenCancelAsync(
        ConversationService.ConversationServiceClient client, ChatRequest request)
    {
        using var cancellation = new CancellationTokenSource();
        using var call = client.Chat(request, Deadline().WithCancellationToken(cancellation.Token));
        var first = await ReadNextAsync(call);
        await cancellation.CancelAsync();
        return first;
    }

    // Returns the assistant message with the id, or the newest one when no id is given, once its answer has ended.
    // Cancels a call without reading from it, while the answer is most likely still retrieving passages. The pause
    // lets the gateway start relaying first; were it too short, the test would pass without testing anything.
    private static async Task StartThenCancelAsync(ConversationService.ConversationServiceClient client, ChatRequest request)
    {
        using var cancellation = new CancellationTokenSource();
        using var call = client.Chat(request, Deadline().WithCancellationToken(cancellation.Token));
        await Task.Delay(TimeSpan.FromMilliseconds(100));
        await cancellation.CancelAsync();
    }

    private static async Task<Message> WaitUntilAnswerEndedAsync(
        ConversationService.ConversationServiceClient client, string conversationId, string? responseId = null)
    {
        var deadline = DateTime.UtcNow + CallTimeout;
        while (true)
        {
            var page = await client.ListMessagesAsync(new ListMessagesRequest { ConversationId = conversationId }, Deadline());
            var reply = page.Messages.LastOrDefault(message =>
                message.Role == MessageRole.Assistant && (responseId is null || message.Id == responseId));
            if (reply is not null && reply.Status != MessageStatus.Streaming)
            {
                return reply;
            }

            Assert.True(DateTime.UtcNow < deadline,
                $"The answer of conversation {conversationId} had not ended after {CallTimeout}: {reply}");
            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
    }
}
