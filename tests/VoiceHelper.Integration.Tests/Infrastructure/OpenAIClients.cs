using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text.Json;
using OpenAI;
using OpenAI.Audio;
using OpenAI.Chat;
using OpenAI.Models;

namespace VoiceHelper.Integration.Tests.Infrastructure;

/// <summary>The official OpenAI .NET clients, pointed at the gateway's <c>/v1</c> API with a VoiceHelper key.</summary>
public static class OpenAIClients
{
    /// <summary>The upper bound of one awaited call.</summary>
    public static readonly TimeSpan Step = TimeSpan.FromSeconds(60);

    /// <summary>Returns a chat client of tenant A's administrator key, or of <paramref name="apiKey"/>.</summary>
    public static ChatClient Chat(ServiceFixture fixture, string model, string? apiKey = null) =>
        new(model, new ApiKeyCredential(apiKey ?? fixture.AdminKeyOfTenantA), Options(fixture));

    public static OpenAIModelClient Models(ServiceFixture fixture, string apiKey) =>
        new(new ApiKeyCredential(apiKey), Options(fixture));

    /// <summary>Returns an audio client of <paramref name="apiKey"/> for <paramref name="model"/>.</summary>
    public static AudioClient Audio(ServiceFixture fixture, string model, string apiKey) =>
        new(model, new ApiKeyCredential(apiKey), Options(fixture));

    /// <summary>Sends a raw request body through the chat client, with optional extra headers.</summary>
    public static Task<ClientResult> SendAsync(ChatClient client, object body, params (string Name, string Value)[] headers)
    {
        var options = new RequestOptions();
        foreach (var (name, value) in headers)
        {
            options.AddHeader(name, value);
        }

        var content = BinaryContent.Create(BinaryData.FromObjectAsJson(body));
        return client.CompleteChatAsync(content, options).WaitAsync(Step);
    }

    /// <summary>Returns the JSON body of a response, where the VoiceHelper extension is.</summary>
    public static JsonElement ReadJson(PipelineResponse response) =>
        JsonDocument.Parse(response.Content.ToString()).RootElement.Clone();

    // The client retries failed calls four times by default, which would hide a wrong status and slow every test.
    private static OpenAIClientOptions Options(ServiceFixture fixture) => new()
    {
        Endpoint = new Uri(fixture.GatewayAddress, "/v1"),
        RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
        NetworkTimeout = Step,
    };
}
