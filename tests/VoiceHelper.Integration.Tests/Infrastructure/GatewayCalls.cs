using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace VoiceHelper.Integration.Tests.Infrastructure;

/// <summary>The gateway calls that several tests make, and reads of what PostgreSQL stored.</summary>
public static class GatewayCalls
{
    /// <summary>Creates a conversation that answers from a new, empty knowledge base of the client's tenant.</summary>
    public static async Task<Guid> CreateConversationAsync(HttpClient client)
    {
        using var knowledgeBase = await client.PostAsJsonAsync("/api/v1/knowledge-bases", new { name = $"kb-{Guid.NewGuid():N}" });
        var knowledgeBaseBody = await ReadJsonAsync(knowledgeBase);
        Assert.True(knowledgeBase.IsSuccessStatusCode, $"Creating a knowledge base failed: {(int)knowledgeBase.StatusCode} {knowledgeBaseBody}");
        var knowledgeBaseId = knowledgeBaseBody.GetProperty("id").GetGuid();

        using var response = await client.PostAsJsonAsync("/api/v1/conversations",
            new { title = "integration", knowledge_base_id = knowledgeBaseId });
        var body = await ReadJsonAsync(response);
        Assert.True(response.IsSuccessStatusCode, $"Creating a conversation failed: {(int)response.StatusCode} {body}");
        return body.GetProperty("id").GetGuid();
    }

    public static Task<HttpResponseMessage> SendMessageAsync(HttpClient client, Guid conversationId, string text) =>
        client.PostAsJsonAsync($"/api/v1/conversations/{conversationId}/messages", new { text });

    /// <summary>Sends a message as JSON with an <c>Idempotency-Key</c> header.</summary>
    public static Task<HttpResponseMessage> SendMessageAsync(HttpClient client, Guid conversationId, string text, string idempotencyKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/conversations/{conversationId}/messages")
        {
            Content = JsonContent.Create(new { text }),
        };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
        return client.SendAsync(request);
    }

    /// <summary>
    /// Sends a message that accepts <c>text/event-stream</c>, and returns as soon as the response headers arrive,
    /// so the caller reads the events as they come.
    /// </summary>
    public static Task<HttpResponseMessage> SendMessageForEventsAsync(
        HttpClient client, Guid conversationId, string text, string? idempotencyKey, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/conversations/{conversationId}/messages")
        {
            Content = JsonContent.Create(new { text }),
        };
        request.Headers.Accept.ParseAdd("text/event-stream");
        if (idempotencyKey is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
        }

        return client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }

    /// <summary>Opens the event stream of a response, resuming after <paramref name="lastEventId"/> when it is given.</summary>
    public static Task<HttpResponseMessage> OpenResponseEventsAsync(
        HttpClient client, Guid conversationId, Guid responseId, string? lastEventId, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/conversations/{conversationId}/responses/{responseId}/events");
        request.Headers.Accept.ParseAdd("text/event-stream");
        if (lastEventId is not null)
        {
            request.Headers.TryAddWithoutValidation("Last-Event-ID", lastEventId);
        }

        return client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }

    /// <summary>Returns the conversation's turns, oldest first (at most 200).</summary>
    public static async Task<IReadOnlyList<JsonElement>> ReadMessagesAsync(HttpClient client, Guid conversationId)
    {
        using var response = await client.GetAsync($"/api/v1/conversations/{conversationId}/messages?limit=200");
        var body = await ReadJsonAsync(response);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.OK, $"Reading messages failed: {body}");
        return body.GetProperty("messages").EnumerateArray().ToList();
    }

    /// <summary>
    /// Sends the request again while the gateway returns 503, which it does until the cluster has declared a killed
    /// silo dead and stopped routing calls to it.
    /// </summary>
    public static async Task<HttpResponseMessage> RetryWhileUnavailableAsync(Func<Task<HttpResponseMessage>> send)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var response = await send();
            if (response.StatusCode != System.Net.HttpStatusCode.ServiceUnavailable || DateTime.UtcNow > deadline)
            {
                return response;
            }

            response.Dispose();
            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }
    }

    public static Task<HttpResponseMessage> PostRawAsync(HttpClient client, string path, string body) =>
        client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<long> CountTurnsAsync(ServiceFixture fixture, Guid conversationId)
    {
        await using var command = fixture.DataSource.CreateCommand(
            "SELECT count(*) FROM conversation_turns WHERE conversation_id = $1");
        command.Parameters.Add(new() { Value = conversationId });
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
