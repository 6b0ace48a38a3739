using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace VoiceHelper.Bench.Gateway;

/// <summary>The REST calls of the gateway that the conversation benchmarks make, with one API key.</summary>
internal sealed class ConversationApiClient : IDisposable
{
    private static readonly MediaTypeWithQualityHeaderValue EventStream = new("text/event-stream");

    private readonly HttpClient _client;

    public ConversationApiClient(Uri address, string apiKey)
    {
        // No overall timeout: the harness and the callers bound each call, and a stream is read to its end.
        _client = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = address,
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
    }

    /// <summary>Creates a knowledge base without documents and returns its id.</summary>
    public Task<Guid> CreateKnowledgeBaseAsync(string name, CancellationToken cancellationToken) =>
        PostForIdAsync("/api/v1/knowledge-bases", new { name }, cancellationToken);

    /// <summary>Creates a conversation that answers from <paramref name="knowledgeBaseId"/> and returns its id.</summary>
    public Task<Guid> CreateConversationAsync(Guid knowledgeBaseId, CancellationToken cancellationToken) =>
        PostForIdAsync("/api/v1/conversations",
            new { title = "benchmark", knowledge_base_id = knowledgeBaseId }, cancellationToken);

    /// <summary>Sends a text message and reads the JSON reply, which the gateway returns after the answer is stored.</summary>
    public async Task SendMessageAsync(Guid conversationId, string text, CancellationToken cancellationToken)
    {
        using var response = await _client.PostAsJsonAsync(
            new Uri($"/api/v1/conversations/{conversationId}/messages", UriKind.Relative), new { text },
            cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        await response.Content.ReadAsByteArrayAsync(cancellationToken);
    }

    /// <summary>
    /// Sends a text message with <c>Accept: text/event-stream</c> and reads the stream to its <c>done</c> event,
    /// timing the first byte of the body and the end of the <c>done</c> event from the moment of sending.
    /// </summary>
    /// <exception cref="InvalidOperationException">The stream ended without a <c>done</c> event.</exception>
    public async Task<StreamedTurnTiming> StreamMessageAsync(
        Guid conversationId, string text, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post,
            new Uri($"/api/v1/conversations/{conversationId}/messages", UriKind.Relative))
        {
            Content = JsonContent.Create(new { text }),
        };
        request.Headers.Accept.Add(EventStream);

        var start = Stopwatch.GetTimestamp();
        using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var firstByte = new byte[1];
        if (await body.ReadAsync(firstByte, cancellationToken) == 0)
        {
            throw new InvalidOperationException($"The event stream of conversation '{conversationId}' was empty.");
        }

        var firstByteMilliseconds = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        var done = await ReadDoneDataAsync(body, conversationId, cancellationToken);
        var totalMilliseconds = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        return new StreamedTurnTiming(firstByteMilliseconds, totalMilliseconds,
            ReadOptionalInt(done, "retrieval_ms"), ReadOptionalInt(done, "answer_ms"));
    }

    public void Dispose() => _client.Dispose();

    // An event is an "event: NAME" line, an optional "id: N" line and a "data: JSON" line, ended by a blank line.
    // Only the data of the done event is read.
    private static async Task<JsonElement> ReadDoneDataAsync(
        Stream body, Guid conversationId, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(body);
        string? eventName = null;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.StartsWith("event:", StringComparison.Ordinal))
            {
                eventName = line["event:".Length..].Trim();
            }
            else if (eventName == "done" && line.StartsWith("data:", StringComparison.Ordinal))
            {
                using var document = JsonDocument.Parse(line["data:".Length..]);
                return document.RootElement.Clone();
            }
        }

        throw new InvalidOperationException(
            $"The event stream of conversation '{conversationId}' ended without a done event; the last event was " +
            $"'{eventName ?? "none"}'.");
    }

    private static int? ReadOptionalInt(JsonElement turn, string property) =>
        turn.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt32() : null;

    private async Task<Guid> PostForIdAsync(string path, object body, CancellationToken cancellationToken)
    {
        using var response = await _client.PostAsJsonAsync(new Uri(path, UriKind.Relative), body, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return document.RootElement.GetProperty("id").GetGuid();
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var problem = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new InvalidOperationException(
                $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} returned " +
                $"{(int)response.StatusCode}: {problem}");
        }
    }
}
