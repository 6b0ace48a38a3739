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
