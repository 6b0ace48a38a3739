using System.Net;
using System.Net.Http.Json;
using VoiceHelper.Integration.Tests.Infrastructure;
using static VoiceHelper.Integration.Tests.Infrastructure.GatewayCalls;

namespace VoiceHelper.Integration.Tests.Auth;

[Collection(ServiceCollection.Name)]
[Trait("Category", "Integration")]
public sealed class AccessTests(ServiceFixture fixture)
{
    [Fact]
    public async Task SendMessage_NoKey_Returns401AndStoresNothing()
    {
        using var owner = fixture.CreateClient(fixture.AdminKeyOfTenantA);
        var conversationId = await CreateConversationAsync(owner);
        using var anonymous = fixture.CreateClient();

        using var response = await SendMessageAsync(anonymous, conversationId, "sneaky");
        var body = await ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("missing_api_key", body.GetProperty("code").GetString());
        Assert.Equal(0, await CountTurnsAsync(fixture, conversationId));
    }

    [Fact]
    public async Task SendMessage_UnknownKey_Returns401()
    {
        using var owner = fixture.CreateClient(fixture.AdminKeyOfTenantA);
        var conversationId = await CreateConversationAsync(owner);
        using var stranger = fixture.CreateClient("vh_" + new string('A', 43));

        using var response = await SendMessageAsync(stranger, conversationId, "sneaky");
        var body = await ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_api_key", body.GetProperty("code").GetString());
        Assert.Equal(0, await CountTurnsAsync(fixture, conversationId));
    }

    [Fact]
    public async Task SendMessage_RevokedKey_Returns401AndStoresNothing()
    {
        using var admin = fixture.CreateClient(fixture.AdminKeyOfTenantA);
        var conversationId = await CreateConversationAsync(admin);
        using var created = await admin.PostAsJsonAsync("/api/v1/keys", new { name = "short-lived" });
        var createdBody = await ReadJsonAsync(created);
        var keyId = createdBody.GetProperty("api_key").GetProperty("id").GetGuid();
        using var revoked = await admin.DeleteAsync($"/api/v1/keys/{keyId}");
        using var holder = fixture.CreateClient(createdBody.GetProperty("key").GetString());

        using var response = await SendMessageAsync(holder, conversationId, "after revocation");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, await CountTurnsAsync(fixture, conversationId));
    }

    [Fact]
    public async Task SendMessage_OtherTenantsConversation_Returns404AndStoresNothing()
    {
        using var owner = fixture.CreateClient(fixture.AdminKeyOfTenantA);
        var conversationId = await CreateConversationAsync(owner);
        using var other = fixture.CreateClient(fixture.KeyOfTenantB);

        using var response = await SendMessageAsync(other, conversationId, "not mine");
        var body = await ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("conversation_not_found", body.GetProperty("code").GetString());
        Assert.Equal(0, await CountTurnsAsync(fixture, conversationId));
    }

    [Fact]
    public async Task GetMessages_OtherTenantsConversation_Returns404()
    {
        using var owner = fixture.CreateClient(fixture.AdminKeyOfTenantA);
        var conversationId = await CreateConversationAsync(owner);
        using var other = fixture.CreateClient(fixture.KeyOfTenantB);

        using var response = await other.GetAsync($"/api/v1/conversations/{conversationId}/messages");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task CreateKey_NonAdminKey_Returns403()
    {
        using var client = fixture.CreateClient(fixture.KeyOfTenantB);

        using var response = await client.PostAsJsonAsync("/api/v1/keys", new { name = "escalate", admin = true });
        var body = await ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("forbidden", body.GetProperty("code").GetString());
    }

    [Fact]
    public async Task RevokeKey_NonAdminKey_Returns403AndKeepsKey()
    {
        using var admin = fixture.CreateClient(fixture.AdminKeyOfTenantB);
        using var listed = await admin.GetAsync("/api/v1/keys");
        var adminKeyId = (await ReadJsonAsync(listed)).GetProperty("keys").EnumerateArray()
            .First(key => key.GetProperty("admin").GetBoolean()).GetProperty("id").GetGuid();
        using var plain = fixture.CreateClient(fixture.KeyOfTenantB);

        using var response = await plain.DeleteAsync($"/api/v1/keys/{adminKeyId}");
        using var stillWorks = await admin.GetAsync("/api/v1/keys");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stillWorks.StatusCode);
    }

    [Theory]
    [InlineData("Token")]
    [InlineData("Basic")]
    public async Task SendMessage_UnsupportedScheme_Returns401InvalidKey(string scheme)
    {
        using var owner = fixture.CreateClient(fixture.AdminKeyOfTenantA);
        var conversationId = await CreateConversationAsync(owner);
        using var client = fixture.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
            scheme, fixture.AdminKeyOfTenantA);

        using var response = await SendMessageAsync(client, conversationId, "wrong scheme");
        var body = await ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_api_key", body.GetProperty("code").GetString());
        Assert.Equal(0, await CountTurnsAsync(fixture, conversationId));
    }

    [Fact]
    public async Task RevokeKey_OtherTenantsKey_Returns404()
    {
        using var admin = fixture.CreateClient(fixture.AdminKeyOfTenantA);
        using var listed = await admin.GetAsync("/api/v1/keys");
        var keyId = (await ReadJsonAsync(listed)).GetProperty("keys")[0].GetProperty("id").GetGuid();
        using var other = fixture.CreateClient(fixture.AdminKeyOfTenantB);

        using var response = await other.DeleteAsync($"/api/v1/keys/{keyId}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
