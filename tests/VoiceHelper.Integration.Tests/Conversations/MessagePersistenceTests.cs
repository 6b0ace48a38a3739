using System.Net;
using VoiceHelper.Integration.Tests.Infrastructure;
using static VoiceHelper.Integration.Tests.Infrastructure.GatewayCalls;

namespace VoiceHelper.Integration.Tests.Conversations;

[Collection(ServiceCollection.Name)]
[Trait("Category", "Integration")]
public sealed class MessagePersistenceTests(ServiceFixture fixture)
{
    [Fact]
    public async Task Message_SiloKilled_IsReadFromNewSilo()
    {
        using var client = fixture.CreateClient(fixture.AdminKeyOfTenantA);
        var conversationId = await CreateConversationAsync(client);
        using var sent = await SendMessageAsync(client, conversationId, "Remember this after a crash.");
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);

        await fixture.CrashAndReplaceSiloAsync();
        // Until the cluster declares the killed silo dead, a call may still be routed to it and get a retryable 503.
        using var history = await RetryWhileUnavailableAsync(
            () => client.GetAsync($"/api/v1/conversations/{conversationId}/messages"));
        var body = await ReadJsonAsync(history);

        Assert.Equal(HttpStatusCode.OK, history.StatusCode);
        var messages = body.GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal(2, messages.Count);
        Assert.Equal("Remember this after a crash.", messages[0].GetProperty("text").GetString());
        Assert.Equal("assistant", messages[1].GetProperty("role").GetString());
    }

    [Fact]
    public async Task GetConversation_Created_ReturnsTitle()
    {
        using var client = fixture.CreateClient(fixture.AdminKeyOfTenantA);
        var conversationId = await CreateConversationAsync(client);

        using var response = await client.GetAsync($"/api/v1/conversations/{conversationId}");
        var body = await ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("integration", body.GetProperty("title").GetString());
    }

    [Fact]
    public async Task SendMessage_Answered_ReturnsStoredTurns()
    {
        using var client = fixture.CreateClient(fixture.AdminKeyOfTenantA);
        var conversationId = await CreateConversationAsync(client);

        using var response = await SendMessageAsync(client, conversationId, "hello");
        var body = await ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("hello", body.GetProperty("message").GetProperty("text").GetString());
        Assert.Equal(2, body.GetProperty("reply").GetProperty("sequence").GetInt64());
        Assert.Equal(2, await CountTurnsAsync(fixture, conversationId));
    }

    [Fact]
    public async Task GetMessages_LimitAndBefore_PagesBackwards()
    {
        using var client = fixture.CreateClient(fixture.AdminKeyOfTenantA);
        var conversationId = await CreateConversationAsync(client);
        foreach (var text in new[] { "one", "two" })
        {
            using var _ = await SendMessageAsync(client, conversationId, text);
        }

        using var newest = await client.GetAsync($"/api/v1/conversations/{conversationId}/messages?limit=3");
        var newestBody = await ReadJsonAsync(newest);
        var before = newestBody.GetProperty("next_before").GetInt64();
        using var older = await client.GetAsync($"/api/v1/conversations/{conversationId}/messages?limit=3&before={before}");
        var olderBody = await ReadJsonAsync(older);

        Assert.Equal([2L, 3L, 4L], newestBody.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("sequence").GetInt64()));
        Assert.Equal([1L], olderBody.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("sequence").GetInt64()));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, olderBody.GetProperty("next_before").ValueKind);
    }
}
