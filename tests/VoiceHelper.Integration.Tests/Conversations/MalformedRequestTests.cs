using System.Net;
using VoiceHelper.Integration.Tests.Infrastructure;
using static VoiceHelper.Integration.Tests.Infrastructure.GatewayCalls;

namespace VoiceHelper.Integration.Tests.Conversations;

[Collection(ServiceCollection.Name)]
[Trait("Category", "Integration")]
public sealed class MalformedRequestTests(ServiceFixture fixture)
{
    [Theory]
    [InlineData("""{ "text": 42 }""", "text")]
    [InlineData("""{ "text": "" }""", "text")]
    [InlineData("""{ "text": "   " }""", "text")]
    [InlineData("""{ "message": "wrong field name" }""", "text")]
    [InlineData("""{ "text": ["a"] }""", "text")]
    [InlineData("""{ "text": "nul \u0000 inside" }""", "text")]
    public async Task SendMessage_BadField_Returns400NamingField(string json, string field)
    {
        using var client = fixture.CreateClient(fixture.AdminKeyOfTenantA);
        var conversationId = await CreateConversationAsync(client);

        using var response = await PostRawAsync(client, $"/api/v1/conversations/{conversationId}/messages", json);
        var body = await ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(body.GetProperty("errors").TryGetProperty(field, out _), body.ToString());
        Assert.Equal(0, await CountTurnsAsync(fixture, conversationId));
    }

    [Theory]
    [InlineData("")]
    [InlineData("{ \"text\": ")]
    [InlineData("not json")]
    [InlineData("null")]
    public async Task SendMessage_NotJsonObject_Returns400InvalidJson(string json)
    {
        using var client = fixture.CreateClient(fixture.AdminKeyOfTenantA);
        var conversationId = await CreateConversationAsync(client);

        using var response = await PostRawAsync(client, $"/api/v1/conversations/{conversationId}/messages", json);
        var body = await ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_json", body.GetProperty("code").GetString());
    }

    [Fact]
    public async Task SendMessage_TooLong_Returns400NamingLimit()
    {
        using var client = fixture.CreateClient(fixture.AdminKeyOfTenantA);
        var conversationId = await CreateConversationAsync(client);

        using var response = await SendMessageAsync(client, conversationId, new string('a', 8_001));
        var body = await ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("8000", body.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task SendMessage_ConversationIdNotUuid_Returns400NamingId()
    {
        using var client = fixture.CreateClient(fixture.AdminKeyOfTenantA);

        using var response = await SendMessageAsync(client, Guid.Empty, "x");
        using var malformed = await PostRawAsync(client, "/api/v1/conversations/not-a-uuid/messages", """{ "text": "x" }""");
        var body = await ReadJsonAsync(malformed);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.True(body.GetProperty("errors").TryGetProperty("id", out _), body.ToString());
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=201", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("before=-1", "before")]
    public async Task GetMessages_BadQuery_Returns400NamingParameter(string query, string parameter)
    {
        using var client = fixture.CreateClient(fixture.AdminKeyOfTenantA);
        var conversationId = await CreateConversationAsync(client);

        using var response = await client.GetAsync($"/api/v1/conversations/{conversationId}/messages?{query}");
        var body = await ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(body.GetProperty("errors").TryGetProperty(parameter, out _), body.ToString());
    }

    [Fact]
    public async Task SendMessage_Latin1Charset_Returns415()
    {
        using var client = fixture.CreateClient(fixture.AdminKeyOfTenantA);
        var conversationId = await CreateConversationAsync(client);
        using var content = new StringContent("""{ "text": "caf\u00e9" }""", System.Text.Encoding.Latin1, "application/json");

        using var response = await client.PostAsync($"/api/v1/conversations/{conversationId}/messages", content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal(0, await CountTurnsAsync(fixture, conversationId));
    }

    [Fact]
    public async Task SendMessage_WrongContentType_Returns415()
    {
        using var client = fixture.CreateClient(fixture.AdminKeyOfTenantA);
        var conversationId = await CreateConversationAsync(client);
        using var content = new StringContent("text=hello", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded");

        using var response = await client.PostAsync($"/api/v1/conversations/{conversationId}/messages", content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task SendMessage_BodyOverLimit_Returns413()
    {
        using var client = fixture.CreateClient(fixture.AdminKeyOfTenantA);
        var conversationId = await CreateConversationAsync(client);
        var json = $$"""{ "text": "{{new string('a', 2 * 1024 * 1024)}}" }""";
        // The gateway may answer 413 from Content-Length alone and close the connection while a client is still
        // sending, so the client waits for 100 Continue before it sends the body, as large uploads should.
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/conversations/{conversationId}/messages")
        {
            Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.ExpectContinue = true;

        using var response = await client.SendAsync(request);
        var body = await ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("payload_too_large", body.GetProperty("code").GetString());
        Assert.Equal(0, await CountTurnsAsync(fixture, conversationId));
    }
}
