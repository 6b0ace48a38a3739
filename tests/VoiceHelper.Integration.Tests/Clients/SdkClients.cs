using VoiceHelper.Client;

namespace VoiceHelper.Integration.Tests.Clients;

/// <summary>Creates SDK clients for the services under test, with deadlines that fail a stuck call instead of hanging.</summary>
public static class SdkClients
{
    /// <summary>How long a test waits for any one awaited step.</summary>
    public static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(2);

    public static VoiceHelperClient Create(Uri address, string apiKey, Action<VoiceHelperClientOptions>? configure = null)
    {
        var options = new VoiceHelperClientOptions
        {
            Address = address,
            ApiKey = apiKey,
            RequestTimeout = TimeSpan.FromSeconds(30),
            StreamTimeout = TimeSpan.FromMinutes(3),
            RetryDelay = TimeSpan.FromMilliseconds(50),
        };
        configure?.Invoke(options);
        return new VoiceHelperClient(options);
    }

    /// <summary>Reads a stream of events to its end within <see cref="StepTimeout"/>.</summary>
    public static async Task<List<ChatEvent>> ReadAllAsync(Func<CancellationToken, IAsyncEnumerable<ChatEvent>> stream)
    {
        using var timeout = new CancellationTokenSource(StepTimeout);
        var events = new List<ChatEvent>();
        await foreach (var chatEvent in stream(timeout.Token))
        {
            events.Add(chatEvent);
        }

        return events;
    }
}
