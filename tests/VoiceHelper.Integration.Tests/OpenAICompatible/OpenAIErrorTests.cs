using System.ClientModel;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OpenAI.Chat;
using VoiceHelper.Integration.Tests.Infrastructure;
using static VoiceHelper.Integration.Tests.Infrastructure.GatewayCalls;
using static VoiceHelper.Integration.Tests.Infrastructure.OpenAIClients;

namespace VoiceHelper.Integration.Tests.OpenAICompatible;

/// <summary>Failures of the OpenAI-compatible API, as the official client and raw HTTP see them.</summary>
[Collection(ServiceCollection.Name)]
[Trait("Category", "Integration")]
public sealed class OpenAIErrorTests(ServiceFixture fixture)
{
    private static readonly ChatMessage[] Question = [new UserChatMessage("What does VACUUM FULL do?")];

    [Fact]
    public async Task CompleteChat_UnknownModel_Throws404ModelNotFound()
    {
        var client = Chat(fixture, $"no-such-model-{Guid.NewGuid():N}");

        var exception = await Assert.ThrowsAsync<ClientResultException>(() => client.CompleteChatAsync(Question).WaitAsync(Step));
        var error = ReadError(exception);

        Assert.Equal(404, exception.Status);
        Assert.Equal("model_not_found", error.GetProperty("code").GetString());
        Assert.Equal("model", error.GetProperty("param").GetString());
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
    }

    [Fact]
    public async Task CompleteChat_UnknownKey_Throws401()
    {
        var manual = await ManualModel.GetAsync(fixture);
        var client = Chat(fixture, manual.Name, apiKey: "vh_" + new string('A', 43));

        var exception = await Assert.ThrowsAsync<ClientResultException>(() => client.CompleteChatAsync(Question).WaitAsync(Step));

        Assert.Equal(401, exception.Status);
        Assert.Equal("invalid_api_key", ReadError(exception).GetProperty("code").GetString());
    }

    [Fact]
    public async Task CompleteChat_OtherTenantsModel_Throws404()
    {
        var manual = await ManualModel.GetAsync(fixture);
        var client = Chat(fixture, manual.Name, apiKey: fixture.KeyOfTenantB);

        var exception = await Assert.ThrowsAsync<ClientResultException>(() => client.CompleteChatAsync(Question).WaitAsync(Step));

        Assert.Equal(404, exception.Status);
    }

    [Fact]
    public async Task CompleteChat_NTwo_Throws400NamingN()
    {
        var manual = await ManualModel.GetAsync(fixture);
        var client = Chat(fixture, manual.Name);

        var exception = await Assert.ThrowsAsync<ClientResultException>(() => SendAsync(client,
            new { model = manual.Name, n = 2, messages = new[] { new { role = "user", content = "What is VACUUM?" } } }));
        var error = ReadError(exception);

        Assert.Equal(400, exception.Status);
        Assert.Equal("n", error.GetProperty("param").GetString());
        Assert.Equal("validation_failed", error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task CompleteChat_Tools_Throws400Unsupported()
    {
        var manual = await ManualModel.GetAsync(fixture);
        var client = Chat(fixture, manual.Name);
        var options = new ChatCompletionOptions { Tools = { ChatTool.CreateFunctionTool("get_weather", "Returns the weather.") } };

        var exception = await Assert.ThrowsAsync<ClientResultException>(
            () => client.CompleteChatAsync(Question, options).WaitAsync(Step));
        var error = ReadError(exception);

        Assert.Equal(400, exception.Status);
        Assert.Equal("tools", error.GetProperty("param").GetString());
        Assert.Equal("unsupported_parameter", error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task ChatCompletions_NoKey_Returns401InOpenAIShape()
    {
        using var anonymous = fixture.CreateClient();

        using var response = await anonymous.PostAsJsonAsync("/v1/chat/completions",
            new { model = "any", messages = new[] { new { role = "user", content = "hi" } } }).WaitAsync(Step);
        var error = (await ReadJsonAsync(response)).GetProperty("error");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("missing_api_key", error.GetProperty("code").GetString());
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Equal(JsonValueKind.Null, error.GetProperty("param").ValueKind);
        Assert.True(response.Headers.Contains("x-request-id"), "The error response has no x-request-id header.");
    }

    [Fact]
    public async Task ChatCompletions_MalformedJson_Returns400InOpenAIShape()
    {
        using var client = fixture.CreateClient(fixture.AdminKeyOfTenantA);

        using var response = await PostRawAsync(client, "/v1/chat/completions", """{ "model": "m", "messages": "hi" }""")
            .WaitAsync(Step);
        var error = (await ReadJsonAsync(response)).GetProperty("error");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("messages", error.GetProperty("param").GetString());
    }

    [Fact]
    public async Task UnknownRoute_UnderV1_Returns404InOpenAIShape()
    {
        using var client = fixture.CreateClient(fixture.AdminKeyOfTenantA);

        using var response = await client.GetAsync("/v1/no-such-endpoint").WaitAsync(Step);
        var error = (await ReadJsonAsync(response)).GetProperty("error");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("not_found", error.GetProperty("code").GetString());
    }

    private static JsonElement ReadError(ClientResultException exception)
    {
        var response = exception.GetRawResponse();
        Assert.NotNull(response);
        return ReadJson(response).GetProperty("error");
    }
}
