using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using VoiceHelper.Client.Internal;

namespace VoiceHelper.Client;

/// <summary>
/// The client of a VoiceHelper gateway over gRPC. It owns one HTTP/2 channel, is safe to use from many threads at
/// once, and is meant to live as long as the application: create one and share it.
/// </summary>
/// <example>
/// <code>
/// using var client = new VoiceHelperClient(new VoiceHelperClientOptions { ApiKey = key });
/// var answer = await client.Knowledge.AskAsync(knowledgeBaseId, "What does VACUUM FULL do?");
/// </code>
/// </example>
public sealed class VoiceHelperClient : IDisposable
{
    private readonly RpcInvoker _invoker;

    /// <summary>Creates a client; it connects on the first call.</summary>
    /// <param name="options">The address, API key, timeouts, retries and certificate trust.</param>
    /// <param name="loggerFactory">Receives the log of retries and resumed answer streams; null logs nothing.</param>
    /// <exception cref="ArgumentException">A setting in <paramref name="options"/> is invalid; the message names it.</exception>
    public VoiceHelperClient(VoiceHelperClientOptions options, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();

        var logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("VoiceHelper.Client");
        _invoker = new RpcInvoker(options, logger);
        Knowledge = new KnowledgeClient(_invoker);
        Conversations = new ConversationClient(_invoker, options.MaxRetryAttempts);
        Keys = new KeyClient(_invoker);
    }

    /// <summary>Knowledge bases, documents, search and questions.</summary>
    public KnowledgeClient Knowledge { get; }

    /// <summary>Conversations, their messages and streamed answers.</summary>
    public ConversationClient Conversations { get; }

    /// <summary>The tenant's API keys; needs an administrator key.</summary>
    public KeyClient Keys { get; }

    /// <summary>The gateway address that the client calls.</summary>
    public Uri Address => _invoker.Address;

    /// <summary>Reads the tenant's usage counters since the tenant was created.</summary>
    public Task<Usage> GetUsageAsync(CancellationToken cancellationToken = default) =>
        Conversations.GetUsageAsync(cancellationToken);

    /// <summary>Closes the channel; calls in progress fail.</summary>
    public void Dispose() => _invoker.Dispose();
}
