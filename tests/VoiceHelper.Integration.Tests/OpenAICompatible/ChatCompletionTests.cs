using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OpenAI.Chat;
using VoiceHelper.Integration.Tests.Infrastructure;
using static VoiceHelper.Integration.Tests.Infrastructure.GatewayCalls;
using static VoiceHelper.Integration.Tests.Infrastructure.OpenAIClients;

namespace VoiceHelper.Integration.Tests.OpenAICompatible;

/// <summary>The official OpenAI .NET client asking the PostgreSQL manual through <c>/v1/chat/completions</c>.</summary>
[Collection(ServiceCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ChatCompletionTests(ServiceFixture fixture)
{
    private const string Question = "What does VACUUM FULL do?";
    private const string FollowUp = "Does it lock the table?";
    private const string ConversationHeader = "VoiceHelper-Conversation-Id";

    [Fact]
    public async Task CompleteChat_ManualQuestion_CitesVacuumPage()
    {
        var manual = await ManualModel.GetAsync(fixture);
        var client = Chat(fixture, manual.Name);

        var result = await client.CompleteChatAsync([new UserChatMessage(Question)]).WaitAsync(Step);
        var sources = ReadJson(result.GetRawResponse()).GetProperty("voicehelper").GetProperty("sources");

        Assert.NotEmpty(result.Value.Content[0].Text);
        Assert.Equal(manual.DocumentIds["sql-vacuum.html"], sources[0].GetProperty("document_id").GetGuid());
    }

    [Fact]
    public async Task CompleteChat_ManualQuestion_ContentListsSources()
    {
        var manual = await ManualModel.GetAsync(fixture);
        var client = Chat(fixture, manual.Name);

        var result = await client.CompleteChatAsync([new UserChatMessage(Question)]).WaitAsync(Step);

        Assert.Contains("\n\nSources:\n[1] VACUUM", result.Value.Content[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompleteChat_ManualQuestion_ReportsUsage()
    {
        var manual = await ManualModel.GetAsync(fixture);
        var client = Chat(fixture, manual.Name);

        var completion = (await client.CompleteChatAsync([new UserChatMessage(Question)]).WaitAsync(Step)).Value;

        Assert.Equal(ChatFinishReason.Stop, completion.FinishReason);
        Assert.Equal(manual.Name, completion.Model);
        Assert.Equal(ChatMessageRole.Assistant, completion.Role);
        Assert.True(completion.Usage.InputTokenCount > 0, $"prompt_tokens is {completion.Usage.InputTokenCount}.");
        Assert.True(completion.Usage.OutputTokenCount > 0, $"completion_tokens is {completion.Usage.OutputTokenCount}.");
        Assert.Equal(completion.Usage.InputTokenCount + completion.Usage.OutputTokenCount, completion.Usage.TotalTokenCount);
    }

    [Fact]
    public async Task CompleteChat_FollowUp_CitesEarlierTopic()
    {
        var manual = await ManualModel.GetAsync(fixture);
        var client = Chat(fixture, manual.Name);
        ChatMessage[] messages =
        [
            new SystemChatMessage("Answer briefly."),
            new UserChatMessage(Question),
            new AssistantChatMessage("VACUUM FULL rewrites the table."),
            new UserChatMessage(FollowUp),
        ];

        var result = await client.CompleteChatAsync(messages).WaitAsync(Step);

        Assert.Contains(manual.DocumentIds["sql-vacuum.html"], SourceDocuments(ReadJson(result.GetRawResponse())));
    }

    [Fact]
    public async Task CompleteChat_BareFollowUp_MissesTopic()
    {
        var manual = await ManualModel.GetAsync(fixture);
        var client = Chat(fixture, manual.Name);

        var result = await client.CompleteChatAsync([new UserChatMessage(FollowUp)]).WaitAsync(Step);

        Assert.DoesNotContain(manual.DocumentIds["sql-vacuum.html"], SourceDocuments(ReadJson(result.GetRawResponse())));
    }

    [Fact]
    public async Task CompleteChat_History_IsNotStored()
    {
        var manual = await ManualModel.GetAsync(fixture);
        var client = Chat(fixture, manual.Name);
        ChatMessage[] messages = [new UserChatMessage(Question), new AssistantChatMessage("It rewrites."), new UserChatMessage(FollowUp)];

        var result = await client.CompleteChatAsync(messages).WaitAsync(Step);
        var conversationId = ConversationIdOf(result.GetRawResponse());
        using var rest = fixture.CreateClient(fixture.AdminKeyOfTenantA);
        var conversation = await ReadJsonAsync(await rest.GetAsync($"/api/v1/conversations/{conversationId}"));
        var turns = await ReadJsonAsync(await rest.GetAsync($"/api/v1/conversations/{conversationId}/messages"));

        Assert.Equal(manual.Id, conversation.GetProperty("knowledge_base_id").GetGuid());
        Assert.Equal(Question, conversation.GetProperty("title").GetString());
        Assert.Equal([FollowUp, result.Value.Content[0].Text.Split("\n\nSources:")[0]],
            turns.GetProperty("messages").EnumerateArray().Select(turn => turn.GetProperty("text").GetString()));
    }

    [Fact]
    public async Task CompleteChat_ConversationHeader_ContinuesStoredConversation()
    {
        var manual = await ManualModel.GetAsync(fixture);
        var client = Chat(fixture, manual.Name);
        var first = await client.CompleteChatAsync([new UserChatMessage(Question)]).WaitAsync(Step);
        var conversationId = ConversationIdOf(first.GetRawResponse());

        var second = await SendAsync(client,
            new { model = manual.Name, messages = new[] { new { role = "user", content = FollowUp } } },
            (ConversationHeader, conversationId.ToString()));
        using var rest = fixture.CreateClient(fixture.AdminKeyOfTenantA);
        var turns = await ReadJsonAsync(await rest.GetAsync($"/api/v1/conversations/{conversationId}/messages"));

        Assert.Equal(conversationId, ConversationIdOf(second.GetRawResponse()));
        Assert.Contains(manual.DocumentIds["sql-vacuum.html"], SourceDocuments(ReadJson(second.GetRawResponse())));
        Assert.Equal(4, turns.GetProperty("messages").GetArrayLength());
    }

    [Fact]
    public async Task CompleteChat_RetryWithSameKey_AddsNoTurns()
    {
        var manual = await ManualModel.GetAsync(fixture);
        var client = Chat(fixture, manual.Name);
        var first = await client.CompleteChatAsync([new UserChatMessage(Question)]).WaitAsync(Step);
        var conversationId = ConversationIdOf(first.GetRawResponse());
        var body = new { model = manual.Name, messages = new[] { new { role = "user", content = FollowUp } } };
        var key = $"retry-{Guid.NewGuid():N}";

        var sent = await SendAsync(client, body, (ConversationHeader, conversationId.ToString()), ("Idempotency-Key", key));
        var retried = await SendAsync(client, body, (ConversationHeader, conversationId.ToString()), ("Idempotency-Key", key));
        using var rest = fixture.CreateClient(fixture.AdminKeyOfTenantA);
        var turns = await ReadJsonAsync(await rest.GetAsync($"/api/v1/conversations/{conversationId}/messages"));

        Assert.Equal(
            ReadJson(sent.GetRawResponse()).GetProperty("id").GetString(),
            ReadJson(retried.GetRawResponse()).GetProperty("id").GetString());
        Assert.Equal(4, turns.GetProperty("messages").GetArrayLength());
    }

    [Fact]
    public async Task CompleteChat_KeyWithoutConversation_Returns400()
    {
        var manual = await ManualModel.GetAsync(fixture);
        using var http = fixture.CreateClient(fixture.AdminKeyOfTenantA);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = JsonContent.Create(new { model = manual.Name, messages = new[] { new { role = "user", content = Question } } }),
        };
        request.Headers.Add("Idempotency-Key", "first-try");

        using var response = await http.SendAsync(request).WaitAsync(Step);
        var error = (await ReadJsonAsync(response)).GetProperty("error");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(ConversationHeader, error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task CompleteChat_MaxOutputTokens_StopsAtLength()
    {
        var manual = await ManualModel.GetAsync(fixture);
        var client = Chat(fixture, manual.Name);

        var completion = (await client.CompleteChatAsync([new UserChatMessage(Question)],
            new ChatCompletionOptions { MaxOutputTokenCount = 3 }).WaitAsync(Step)).Value;

        Assert.Equal(ChatFinishReason.Length, completion.FinishReason);
        Assert.Equal(3, completion.Usage.OutputTokenCount);
    }

    [Fact]
    public async Task CompleteChat_KnowledgeBaseHeader_WinsOverModel()
    {
        var manual = await ManualModel.GetAsync(fixture);
        var client = Chat(fixture, "gpt-4o-mini");

        var result = await SendAsync(client,
            new { model = "gpt-4o-mini", messages = new[] { new { role = "user", content = Question } } },
            ("VoiceHelper-Knowledge-Base", manual.Name));

        Assert.Equal(manual.Name, ReadJson(result.GetRawResponse()).GetProperty("model").GetString());
    }

    [Fact]
    public async Task CompleteChatStreaming_ManualQuestion_StreamsUsage()
    {
        var manual = await ManualModel.GetAsync(fixture);
        var client = Chat(fixture, manual.Name);
        var text = new System.Text.StringBuilder();
        var finishReasons = new List<ChatFinishReason>();
        ChatTokenUsage? usage = null;

        using var timeout = new CancellationTokenSource(Step);
        await foreach (var update in client.CompleteChatStreamingAsync([new UserChatMessage(Question)], cancellationToken: timeout.Token))
        {
            text.AppendJoin(string.Empty, update.ContentUpdate.Select(part => part.Text));
            finishReasons.AddRange(update.FinishReason is { } reason ? [reason] : []);
            usage = update.Usage ?? usage;
        }

        Assert.Contains("\n\nSources:\n[1] VACUUM", text.ToString(), StringComparison.Ordinal);
        Assert.Equal([ChatFinishReason.Stop], finishReasons);
        Assert.NotNull(usage);
        Assert.True(usage.OutputTokenCount > 0, $"completion_tokens is {usage.OutputTokenCount}.");
    }

    [Fact]
    public async Task Stream_RawEvents_FollowOpenAIOrder()
    {
        var manual = await ManualModel.GetAsync(fixture);
        using var http = fixture.CreateClient(fixture.AdminKeyOfTenantA);

        using var response = await http.PostAsJsonAsync("/v1/chat/completions", new
        {
            model = manual.Name,
            stream = true,
            stream_options = new { include_usage = true },
            messages = new[] { new { role = "user", content = Question } },
        }).WaitAsync(Step);
        var events = (await response.Content.ReadAsStringAsync().WaitAsync(Step))
            .Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(block => block.StartsWith("data: ", StringComparison.Ordinal) ? block["data: ".Length..] : block)
            .ToList();
        var chunks = events[..^1].Select(data => JsonDocument.Parse(data).RootElement).ToList();
        var finished = chunks.Single(chunk => chunk.GetProperty("choices") is { } choices && choices.GetArrayLength() > 0
            && choices[0].GetProperty("finish_reason").ValueKind == JsonValueKind.String);

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("[DONE]", events[^1]);
        Assert.All(chunks, chunk => Assert.Equal("chat.completion.chunk", chunk.GetProperty("object").GetString()));
        Assert.Equal("assistant", chunks[0].GetProperty("choices")[0].GetProperty("delta").GetProperty("role").GetString());
        Assert.Equal(0, chunks[^1].GetProperty("choices").GetArrayLength());
        Assert.True(chunks[^1].GetProperty("usage").GetProperty("total_tokens").GetInt32() > 0, chunks[^1].ToString());
        Assert.Equal(manual.DocumentIds["sql-vacuum.html"], SourceDocuments(finished).First());
    }

    [Fact]
    public async Task Stream_ClientDisconnects_StoresCancelledTurn()
    {
        var manual = await ManualModel.GetAsync(fixture);
        // By default a disposed response is read to its end, to keep the connection, so the client would not leave.
        using var http = new HttpClient(new SocketsHttpHandler { MaxResponseDrainSize = 0 }) { BaseAddress = fixture.GatewayAddress };
        http.DefaultRequestHeaders.Authorization = new("Bearer", fixture.AdminKeyOfTenantA);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = JsonContent.Create(new
            {
                model = manual.Name, stream = true, messages = new[] { new { role = "user", content = Question } },
            }),
        };

        Guid conversationId;
        // Retrieval waits for the lock, so the answer still runs when the closed connection reaches the silo.
        await using (await RetrievalLock.AcquireAsync(fixture.DataSource))
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).WaitAsync(Step);
            conversationId = Guid.Parse(response.Headers.GetValues(ConversationHeader).Single());
            await using var stream = await response.Content.ReadAsStreamAsync().WaitAsync(Step);
            // The role chunk is sent before answering starts.
            await stream.ReadAsync(new byte[64]).AsTask().WaitAsync(Step);
        }

        var reply = await WaitForFinalReplyAsync(conversationId);

        Assert.True(reply.GetProperty("status").GetString() == "cancelled", $"The answer was not cancelled: {reply}");
    }

    private async Task<JsonElement> WaitForFinalReplyAsync(Guid conversationId)
    {
        using var rest = fixture.CreateClient(fixture.AdminKeyOfTenantA);
        var deadline = DateTime.UtcNow + Step;
        while (true)
        {
            using var response = await rest.GetAsync($"/api/v1/conversations/{conversationId}/messages").WaitAsync(Step);
            var reply = (await ReadJsonAsync(response)).GetProperty("messages")[1];
            if (reply.GetProperty("status").GetString() != "streaming" || DateTime.UtcNow > deadline)
            {
                return reply;
            }

            await Task.Delay(100);
        }
    }

    private static Guid ConversationIdOf(System.ClientModel.Primitives.PipelineResponse response)
    {
        Assert.True(response.Headers.TryGetValue(ConversationHeader, out var header), $"The response has no {ConversationHeader} header.");
        var fromBody = ReadJson(response).GetProperty("voicehelper").GetProperty("conversation_id").GetGuid();
        Assert.Equal(fromBody, Guid.Parse(header!));
        return fromBody;
    }

    private static List<Guid> SourceDocuments(JsonElement completion) =>
        completion.GetProperty("voicehelper").GetProperty("sources").EnumerateArray()
            .Select(source => source.GetProperty("document_id").GetGuid())
            .ToList();
}
