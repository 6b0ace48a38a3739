using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using VoiceHelper.Integration.Tests.Infrastructure;
using static VoiceHelper.Integration.Tests.Infrastructure.GatewayCalls;

namespace VoiceHelper.Integration.Tests.Conversations;

/// <summary>Creating, listing, changing and deleting conversations, tenant isolation, and usage counters.</summary>
[Collection(ServiceCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ConversationApiTests(ServiceFixture fixture)
{
    [Fact]
    public async Task Create_WithSettings_ReturnsThem()
    {
        using var client = fixture.CreateClient(fixture.AdminKeyOfTenantA);
        var knowledgeBaseId = await CreateKnowledgeBaseAsync(client);

        using var response = await client.PostAsJsonAsync("/api/v1/conversations",
            new { title = "  Index questions ", knowledge_base_id = knowledgeBaseId, language = "pt-BR", voice = "pt-br" });
        var body = await ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"/api/v1/conversations/{body.GetProperty("id").GetGuid()}", response.Headers.Location?.ToString());
        Assert.Equal("Index questions", body.GetProperty("title").GetString());
        Assert.Equal(knowledgeBaseId, body.GetProperty("knowledge_base_id").GetGuid());
        Assert.Equal("pt-BR", body.GetProperty("language").GetString());
        Assert.Equal("pt-br", body.GetProperty("voice").GetString());
        Assert.True(body.TryGetProperty("last_activity_at", out _), body.ToString());
    }

    [Fact]
    public async Task Create_NoBody_UsesDefaults()
    {
        using var client = fixture.CreateClient(fixture.AdminKeyOfTenantA);

        using var response = await client.PostAsync("/api/v1/conversations", null);
        var body = await ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(JsonValueKind.Null, body.GetProperty("title").ValueKind);
        Assert.Equal(JsonValueKind.Null, body.GetProperty("knowledge_base_id").ValueKind);
        Assert.Equal("en", body.GetProperty("language").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("voice").ValueKind);
    }

    [Fact]
    public async Task Create_UnknownKnowledgeBase_Returns404NamingIt()
    {
        using var client = fixture.CreateClient(fixture.AdminKeyOfTenantA);
        var unknown = Guid.NewGuid();

        using var response = await client.PostAsJsonAsync("/api/v1/conversations", new { knowledge_base_id = unknown });
        var body = await ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("knowledge_base_not_found", body.GetProperty("code").GetString());
        Assert.Contains(unknown.ToString(), body.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("""{ "language": "english" }""", "language")]
    [InlineData("""{ "language": "e" }""", "language")]
    [InlineData("""{ "language": "en_US" }""", "language")]
    [InlineData("""{ "language": "en-" }""", "language")]
    [InlineData("""{ "language": "" }""", "language")]
    [InlineData("""{ "voice": "two words" }""", "voice")]
    [InlineData("""{ "voice": "-leading-hyphen" }""", "voice")]
    [InlineData("""{ "title": "   " }""", "title")]
    [InlineData("""{ "knowledge_base_id": "not-a-uuid" }""", "knowledge_base_id")]
    public async Task Create_BadField_Returns400NamingField(string json, string field)
    {
        using var client = fixture.CreateClient(fixture.AdminKeyOfTenantA);

        using var response = await PostRawAsync(client, "/api/v1/conversations", json);
        var body = await ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(body.GetProperty("errors").TryGetProperty(field, out _), body.ToString());
    }

    [Fact]
    public async Task Create_TitleTooLong_Returns400()
    {
        using var client = fixture.CreateClient(fixture.AdminKeyOfTenantA);

        using var response = await client.PostAsJsonAsync("/api/v1/conversations", new { title = new string('t', 201) });
        var body = await ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("200", body.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Update_Rename_StoresNewTitle()
    {
        using var client = fixture.CreateClient(fixture.AdminKeyOfTenantA);
        var conversationId = await CreateConversationAsync(client);

        using var patched = await PatchAsync(client, conversationId, """{ "title": "Renamed", "language": "de-CH" }""");
        var patchedBody = await ReadJsonAsync(patched);
        using var read = await client.GetAsync($"/api/v1/conversations/{conversationId}");
        var readBody = await ReadJsonAsync(read);

        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        Assert.Equal("Renamed", patchedBody.GetProperty("title").GetString());
        Assert.Equal("Renamed", readBody.GetProperty("title").GetString());
        Assert.Equal("de-CH", readBody.GetProperty("language").GetString());
        Assert.NotEqual(JsonValueKind.Null, readBody.GetProperty("knowledge_base_id").ValueKind);
    }

    [Fact]
    public async Task Update_SetKnowledgeBase_LetsMessagesBeAnswered()
    {
        using var client = fixture.CreateClient(fixture.AdminKeyOfTenantA);
        using var created = await PostRawAsync(client, "/api/v1/conversations", """{ "title": "later" }""");
        var conversationId = (await ReadJsonAsync(created)).GetProperty("id").GetGuid();
        using var refused = await SendMessageAsync(client, conversationId, "hello");
        var refusedBody = await ReadJsonAsync(refused);
        var knowledgeBaseId = await CreateKnowledgeBaseAsync(client);

        using var patched = await PatchAsync(client, conversationId, $$"""{ "knowledge_base_id": "{{knowledgeBaseId}}" }""");
        using var answered = await SendMessageAsync(client, conversationId, "hello");

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("knowledge_base_required", refusedBody.GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{ "name": "misspelt field" }""")]
    [InlineData("""{ "title": null }""")]
    public async Task Update_ChangesNothing_Returns400(string json)
    {
        using var client = fixture.CreateClient(fixture.AdminKeyOfTenantA);
        var conversationId = await CreateConversationAsync(client);

        using var response = await PatchAsync(client, conversationId, json);
        var body = await ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("validation_failed", body.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Update_UnknownKnowledgeBase_Returns404()
    {
        using var client = fixture.CreateClient(fixture.AdminKeyOfTenantA);
        var conversationId = await CreateConversationAsync(client);

        using var response = await PatchAsync(client, conversationId, $$"""{ "knowledge_base_id": "{{Guid.NewGuid()}}" }""");
        var body = await ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("knowledge_base_not_found", body.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Delete_Conversation_ThenNotFound()
    {
        using var client = fixture.CreateClient(fixture.AdminKeyOfTenantA);
        var conversationId = await CreateConversationAsync(client);
        using var sent = await SendMessageAsync(client, conversationId, "to be deleted");

        using var deleted = await client.DeleteAsync($"/api/v1/conversations/{conversationId}");
        using var read = await client.GetAsync($"/api/v1/conversations/{conversationId}");
        var readBody = await ReadJsonAsync(read);
        using var history = await client.GetAsync($"/api/v1/conversations/{conversationId}/messages");
        using var again = await client.DeleteAsync($"/api/v1/conversations/{conversationId}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Equal("conversation_not_found", readBody.GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.NotFound, history.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Fact]
    public async Task Delete_Conversation_HiddenFromListAndChat()
    {
        using var client = fixture.CreateClient(fixture.AdminKeyOfTenantA);
        var conversationId = await CreateConversationAsync(client);
        using var read = await client.GetAsync($"/api/v1/conversations/{conversationId}");
        var knowledgeBaseId = (await ReadJsonAsync(read)).GetProperty("knowledge_base_id").GetGuid();

        using var deleted = await client.DeleteAsync($"/api/v1/conversations/{conversationId}");
        var listed = await ListAllAsync(client);
        using var chat = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = JsonContent.Create(new
            {
                model = knowledgeBaseId.ToString(),
                messages = new[] { new { role = "user", content = "and now?" } },
            }),
        };
        chat.Headers.Add("VoiceHelper-Conversation-Id", conversationId.ToString());
        using var continued = await client.SendAsync(chat);
        var continuedBody = await ReadJsonAsync(continued);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.DoesNotContain(conversationId, listed);
        Assert.Equal(HttpStatusCode.NotFound, continued.StatusCode);
        Assert.Contains("conversation_not_found", continuedBody.ToString());
    }

    [Fact]
    public async Task Delete_ThenRetentionRun_PurgesTurns()
    {
        using var client = fixture.CreateClient(fixture.AdminKeyOfTenantA);
        var conversationId = await CreateConversationAsync(client);
        using var sent = await SendMessageAsync(client, conversationId, "purged by retention");
        using var deleted = await client.DeleteAsync($"/api/v1/conversations/{conversationId}");
        var keptTurns = await CountTurnsAsync(fixture, conversationId);

        using var run = await client.PostAsync("/api/v1/retention/run", null);
        var runBody = await ReadJsonAsync(run);
        using var status = await client.GetAsync("/api/v1/retention");
        var statusBody = await ReadJsonAsync(status);

        Assert.Equal(2, keptTurns);
        Assert.Equal(HttpStatusCode.OK, run.StatusCode);
        Assert.True(runBody.GetProperty("conversations_purged").GetInt64() >= 1, runBody.ToString());
        Assert.Equal(0, await CountTurnsAsync(fixture, conversationId));
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        Assert.Equal(runBody.GetProperty("started_at").GetDateTimeOffset(),
            statusBody.GetProperty("last_run").GetProperty("started_at").GetDateTimeOffset());
    }

    [Fact]
    public async Task RetentionRun_NonAdminKey_Returns403()
    {
        using var client = fixture.CreateClient(fixture.KeyOfTenantB);

        using var run = await client.PostAsync("/api/v1/retention/run", null);

        Assert.Equal(HttpStatusCode.Forbidden, run.StatusCode);
    }

    [Theory]
    [InlineData("GET", "")]
    [InlineData("PATCH", "")]
    [InlineData("DELETE", "")]
    [InlineData("GET", "/messages")]
    [InlineData("POST", "/messages")]
    [InlineData("GET", "/responses/{response}/events")]
    [InlineData("POST", "/responses/{response}/cancel")]
    public async Task OtherTenant_AnyCall_Returns404(string method, string path)
    {
        using var owner = fixture.CreateClient(fixture.AdminKeyOfTenantA);
        using var other = fixture.CreateClient(fixture.AdminKeyOfTenantB);
        var conversationId = await CreateConversationAsync(owner);
        using var sent = await SendMessageAsync(owner, conversationId, "private question");
        var responseId = (await ReadJsonAsync(sent)).GetProperty("reply").GetProperty("id").GetGuid();
        using var request = new HttpRequestMessage(new HttpMethod(method),
            $"/api/v1/conversations/{conversationId}{path.Replace("{response}", responseId.ToString())}")
        {
            Content = method is "PATCH" or "POST"
                ? new StringContent("""{ "title": "taken", "text": "taken" }""", Encoding.UTF8, "application/json")
                : null,
        };

        using var response = await other.SendAsync(request);
        var body = await ReadJsonAsync(response);
        var messages = await ReadMessagesAsync(owner, conversationId);
        using var read = await owner.GetAsync($"/api/v1/conversations/{conversationId}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("conversation_not_found", body.GetProperty("code").GetString());
        Assert.Equal(2, messages.Count);
        Assert.Equal("integration", (await ReadJsonAsync(read)).GetProperty("title").GetString());
    }

    [Fact]
    public async Task List_OtherTenant_DoesNotShowConversation()
    {
        using var owner = fixture.CreateClient(fixture.AdminKeyOfTenantA);
        using var other = fixture.CreateClient(fixture.AdminKeyOfTenantB);
        var conversationId = await CreateConversationAsync(owner);

        var listed = await ListAllAsync(other);

        Assert.DoesNotContain(conversationId, listed);
    }

    [Fact]
    public async Task List_Paged_NewestActivityFirst()
    {
        using var client = fixture.CreateClient(await fixture.CreateKeyAsync($"list-{Guid.NewGuid():N}", admin: false));
        var ids = new List<Guid>();
        for (var index = 0; index < 3; index++)
        {
            ids.Add(await CreateConversationAsync(client));
        }

        // A message makes the oldest conversation the one with the newest activity.
        using var sent = await SendMessageAsync(client, ids[0], "bring this one to the top");
        using var first = await client.GetAsync("/api/v1/conversations?limit=2");
        var firstBody = await ReadJsonAsync(first);
        var cursor = firstBody.GetProperty("next_cursor").GetString();
        using var second = await client.GetAsync($"/api/v1/conversations?limit=2&cursor={Uri.EscapeDataString(cursor!)}");
        var secondBody = await ReadJsonAsync(second);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal([ids[0], ids[2]], Ids(firstBody));
        Assert.Equal([ids[1]], Ids(secondBody));
        Assert.Equal(JsonValueKind.Null, secondBody.GetProperty("next_cursor").ValueKind);
        Assert.Equal("integration", firstBody.GetProperty("conversations")[0].GetProperty("title").GetString());
        Assert.True(
            firstBody.GetProperty("conversations")[0].GetProperty("last_activity_at").GetDateTimeOffset()
                > firstBody.GetProperty("conversations")[1].GetProperty("last_activity_at").GetDateTimeOffset(),
            firstBody.ToString());
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=101", "limit")]
    [InlineData("cursor=not-a-cursor", "cursor")]
    [InlineData("cursor=MTIzNA", "cursor")]
    public async Task List_BadQuery_Returns400NamingParameter(string query, string parameter)
    {
        using var client = fixture.CreateClient(fixture.AdminKeyOfTenantA);

        using var response = await client.GetAsync($"/api/v1/conversations?{query}");
        var body = await ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(body.GetProperty("errors").TryGetProperty(parameter, out _), body.ToString());
    }

    [Fact]
    public async Task Usage_AfterExchange_CountsTurnsAndCharacters()
    {
        using var client = fixture.CreateClient(await fixture.CreateKeyAsync($"usage-{Guid.NewGuid():N}", admin: false));
        using var before = await client.GetAsync("/api/v1/usage");
        var beforeBody = await ReadJsonAsync(before);
        var conversationId = await CreateConversationAsync(client);

        using var sent = await SendMessageAsync(client, conversationId, "How many characters?");
        var reply = (await ReadJsonAsync(sent)).GetProperty("reply").GetProperty("text").GetString()!;
        using var after = await client.GetAsync("/api/v1/usage");
        var afterBody = await ReadJsonAsync(after);

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(0, beforeBody.GetProperty("turns").GetInt64());
        Assert.Equal(JsonValueKind.Null, beforeBody.GetProperty("updated_at").ValueKind);
        Assert.Equal(2, afterBody.GetProperty("turns").GetInt64());
        Assert.Equal("How many characters?".Length, afterBody.GetProperty("characters_in").GetInt64());
        Assert.Equal(reply.Length, afterBody.GetProperty("characters_out").GetInt64());
        Assert.Equal(0, afterBody.GetProperty("audio_seconds").GetDouble());
        Assert.NotEqual(JsonValueKind.Null, afterBody.GetProperty("updated_at").ValueKind);
    }

    [Fact]
    public async Task DailyUsage_AfterExchange_CountsToday()
    {
        using var client = fixture.CreateClient(await fixture.CreateKeyAsync($"daily-{Guid.NewGuid():N}", admin: false));
        var conversationId = await CreateConversationAsync(client);
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        using var sent = await SendMessageAsync(client, conversationId, "How many characters?");
        using var response = await client.GetAsync($"/api/v1/usage/daily?from={today}&to={today}");
        var body = await ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var day = Assert.Single(body.GetProperty("days").EnumerateArray());
        Assert.Equal(today, day.GetProperty("day").GetString());
        Assert.Equal(2, day.GetProperty("turns").GetInt64());
        Assert.Equal("How many characters?".Length, day.GetProperty("characters_in").GetInt64());
    }

    [Fact]
    public async Task DailyUsage_FromAfterTo_Returns400()
    {
        using var client = fixture.CreateClient(fixture.KeyOfTenantB);

        using var response = await client.GetAsync("/api/v1/usage/daily?from=2026-02-02&to=2026-02-01");
        var body = await ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(body.GetProperty("errors").TryGetProperty("from", out _), body.ToString());
    }

    private static async Task<Guid> CreateKnowledgeBaseAsync(HttpClient client)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/knowledge-bases", new { name = $"kb-{Guid.NewGuid():N}" });
        return (await ReadJsonAsync(response)).GetProperty("id").GetGuid();
    }

    private static Task<HttpResponseMessage> PatchAsync(HttpClient client, Guid conversationId, string json) =>
        client.PatchAsync($"/api/v1/conversations/{conversationId}", new StringContent(json, Encoding.UTF8, "application/json"));

    private static List<Guid> Ids(JsonElement page) =>
        page.GetProperty("conversations").EnumerateArray().Select(c => c.GetProperty("id").GetGuid()).ToList();

    private static async Task<List<Guid>> ListAllAsync(HttpClient client)
    {
        var ids = new List<Guid>();
        string? cursor = null;
        do
        {
            var query = cursor is null ? "limit=100" : $"limit=100&cursor={Uri.EscapeDataString(cursor)}";
            using var response = await client.GetAsync($"/api/v1/conversations?{query}");
            var body = await ReadJsonAsync(response);
            Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
            ids.AddRange(Ids(body));
            cursor = body.GetProperty("next_cursor").GetString();
        }
        while (cursor is not null);

        return ids;
    }
}
