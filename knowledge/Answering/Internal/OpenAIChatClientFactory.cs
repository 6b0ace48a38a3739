using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenAI.Chat;

namespace VoiceHelper.Knowledge.Answering.Internal;

/// <summary>Creates the chat client of <see cref="OpenAIAnswerer"/> from its options.</summary>
internal static class OpenAIChatClientFactory
{
    // The client library requires a key, and servers that run without authentication ignore the one sent.
    private const string KeyForServersWithoutAuthentication = "no-key";

    /// <summary>Returns a client of <c>{Endpoint}/chat/completions</c> with the configured retries and timeout.</summary>
    public static IChatClient Create(OpenAIAnswererOptions options)
    {
        var clientOptions = new OpenAIClientOptions
        {
            Endpoint = new Uri(options.Endpoint!),
            NetworkTimeout = options.Timeout,
            RetryPolicy = new ClientRetryPolicy(options.MaxRetries),
        };
        var key = string.IsNullOrEmpty(options.ApiKey) ? KeyForServersWithoutAuthentication : options.ApiKey;
        return new ChatClient(options.Model!, new ApiKeyCredential(key), clientOptions).AsIChatClient();
    }
}
