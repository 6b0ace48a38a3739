using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using VoiceHelper.Integration.Tests.Infrastructure;
using static VoiceHelper.Integration.Tests.Infrastructure.GatewayCalls;

namespace VoiceHelper.Integration.Tests.Operations;

/// <summary>
/// Two silos and a gateway as real processes: a silo killed with SIGKILL in the middle of a conversation or an
/// ingestion loses nothing that the service acknowledged, and the work finishes on the cluster that remains.
/// </summary>
[Collection(FailoverCollection.Name)]
[Trait("Category", "Integration")]
public sealed class SiloFailoverTests(FailoverCluster cluster)
{
    private const int Turns = 12;
    private static readonly TimeSpan TurnTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan IngestTimeout = TimeSpan.FromMinutes(4);

    // Silo 0 dies during turn 4 and silo 1 during turn 8, so the silo of the conversation grain dies at least once
    // with a turn in flight.
    private static readonly Dictionary<int, int> SiloKilledAtTurn = new() { [4] = 0, [8] = 1 };

    [Fact]
    public async Task Conversation_SilosKilledMidTurn_KeepsEveryAcknowledgedTurn()
    {
        using var client = cluster.CreateClient();
        var conversationId = await CreateConversationAsync(client);
        var acknowledged = new List<(string Text, Guid MessageId)>();

        for (var turn = 0; turn < Turns; turn++)
        {
            var text = $"Turn {turn}: how do I create a table with a primary key?";
            var crash = SiloKilledAtTurn.TryGetValue(turn, out var silo) ? KillSoonAsync(silo) : Task.CompletedTask;
            var messageId = await SendUntilAcknowledgedAsync(client, conversationId, text, $"turn-{turn}");
            await crash;
            acknowledged.Add((text, messageId));
        }

        var messages = await ReadMessagesAsync(client, conversationId);
        var userTurns = messages.Where(message => message.GetProperty("role").GetString() == "user").ToList();

        Assert.Equal(acknowledged.Select(turn => turn.Text), userTurns.Select(message => message.GetProperty("text").GetString()));
        Assert.Equal(acknowledged.Select(turn => turn.MessageId), userTurns.Select(message => message.GetProperty("id").GetGuid()));
        Assert.Equal(Turns * 2, messages.Count);
        var sequences = messages.Select(message => message.GetProperty("sequence").GetInt64()).ToList();
        Assert.Equal(Enumerable.Range(1, Turns * 2).Select(sequence => (long)sequence), sequences);
    }

    [Fact]
    public async Task Ingestion_SilosKilledWhileEmbedding_IndexesDocumentOnce()
    {
        using var client = cluster.CreateClient();
        var knowledgeBase = await CreateKnowledgeBaseAsync(client);
        using var upload = await UploadAsync(client, knowledgeBase, Path.Combine(ManualPages.Folder, "sql-createtable.html"));
        var documentId = (await ReadJsonAsync(upload)).GetProperty("id").GetGuid();

        // Both silos die in turn while the document is unfinished, so the one that runs its ingestion dies too.
        var killedWhile = new List<string>();
        foreach (var silo in new[] { 0, 1 })
        {
            var status = await WaitForStatusAsync(client, knowledgeBase, documentId, "parsing", "embedding", "indexed", "failed");
            if (status is "indexed" or "failed")
            {
                break;
            }

            killedWhile.Add(status);
            await cluster.KillAndRestartSiloAsync(silo);
        }

        var final = await WaitForStatusAsync(client, knowledgeBase, documentId, "indexed", "failed");
        var document = await ReadDocumentAsync(client, knowledgeBase, documentId);
        var (rows, ordinals, embedded) = await CountChunksAsync(documentId);
        using var search = await RetryWhileUnavailableAsync(() => client.PostAsJsonAsync(
            $"/api/v1/knowledge-bases/{knowledgeBase}/search", new { query = "CREATE TABLE primary key constraint", top_k = 10 }));
        var results = (await ReadJsonAsync(search)).GetProperty("results").EnumerateArray().ToList();

        Assert.NotEmpty(killedWhile);
        Assert.True(final == "indexed", $"The document ended {final}: {document}");
        var chunkCount = document.GetProperty("chunk_count").GetInt32();
        Assert.True(chunkCount > 10, $"Only {chunkCount} chunks.");
        Assert.Equal(chunkCount, document.GetProperty("chunks_embedded").GetInt32());
        Assert.Equal(chunkCount, rows);
        Assert.Equal(chunkCount, ordinals);
        Assert.Equal(chunkCount, embedded);
        Assert.Equal(1, await CountDocumentsAsync(knowledgeBase));
        Assert.NotEmpty(results);
        Assert.Equal(results.Count, results.Select(result => result.GetProperty("text").GetString()).Distinct().Count());
    }

    [Fact]
    public async Task Metrics_AfterSearch_ShowEmbeddingBatchesOnAcceleratorSilo()
    {
        using var client = cluster.CreateClient();
        var knowledgeBase = await CreateKnowledgeBaseAsync(client);

        using var search = await RetryWhileUnavailableAsync(() => client.PostAsJsonAsync(
            $"/api/v1/knowledge-bases/{knowledgeBase}/search", new { query = "vacuum" }));
        var accelerator = await cluster.ReadSiloMetricsAsync(FailoverCluster.AcceleratorSilo);
        var placements = await cluster.ReadSiloMetricsAsync(0) + await cluster.ReadSiloMetricsAsync(1);

        Assert.Equal(HttpStatusCode.OK, search.StatusCode);
        Assert.Contains("voicehelper_inference_batch_size_bucket{", accelerator, StringComparison.Ordinal);
        Assert.Contains("voicehelper_inference_queue_depth{", accelerator, StringComparison.Ordinal);
        Assert.Contains("model=\"embedding\"", accelerator, StringComparison.Ordinal);
        Assert.Contains("voicehelper_inference_requests_total{", accelerator, StringComparison.Ordinal);
        Assert.Contains("voicehelper_inference_placements_total{", placements, StringComparison.Ordinal);
        Assert.Contains("outcome=\"accelerator\"", placements, StringComparison.Ordinal);
    }

    private Task KillSoonAsync(int silo) => Task.Run(async () =>
    {
        // Long enough for the request to reach the cluster, short enough to catch the turn before it ends.
        await Task.Delay(TimeSpan.FromMilliseconds(30));
        await cluster.KillAndRestartSiloAsync(silo);
    });

    // Sends the turn with its idempotency key until the service acknowledges it with 200. A 503, a 504, or a
    // connection that breaks leaves the outcome open, and the same key makes the retry safe.
    private static async Task<Guid> SendUntilAcknowledgedAsync(HttpClient client, Guid conversationId, string text, string key)
    {
        var deadline = DateTime.UtcNow + TurnTimeout;
        var last = "nothing";
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var response = await SendMessageAsync(client, conversationId, text, key);
                var body = await ReadJsonAsync(response);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return body.GetProperty("message").GetProperty("id").GetGuid();
                }

                Assert.True(response.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout,
                    $"'{text}' failed with {(int)response.StatusCode}: {body}");
                last = $"{(int)response.StatusCode} {body}";
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                last = exception.Message;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }

        Assert.Fail($"'{text}' was not acknowledged within {TurnTimeout}; last answer: {last}");
        return Guid.Empty;
    }

    private static async Task<Guid> CreateKnowledgeBaseAsync(HttpClient client)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/knowledge-bases", new { name = $"kb-{Guid.NewGuid():N}" });
        var body = await ReadJsonAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToString());
        return body.GetProperty("id").GetGuid();
    }

    private static Task<HttpResponseMessage> UploadAsync(HttpClient client, Guid knowledgeBase, string path)
    {
        var file = new ByteArrayContent(File.ReadAllBytes(path));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/html");
        var form = new MultipartFormDataContent { { file, "file", Path.GetFileName(path) } };
        return client.PostAsync($"/api/v1/knowledge-bases/{knowledgeBase}/documents", form);
    }

    private static async Task<JsonElement> ReadDocumentAsync(HttpClient client, Guid knowledgeBase, Guid documentId)
    {
        using var response = await RetryWhileUnavailableAsync(
            () => client.GetAsync($"/api/v1/knowledge-bases/{knowledgeBase}/documents/{documentId}"));
        var body = await ReadJsonAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Reading document {documentId} failed: {body}");
        return body;
    }

    // Polls until the document's status is one of the given ones and returns it.
    private static async Task<string> WaitForStatusAsync(
        HttpClient client, Guid knowledgeBase, Guid documentId, params string[] statuses)
    {
        var deadline = DateTime.UtcNow + IngestTimeout;
        while (true)
        {
            var status = (await ReadDocumentAsync(client, knowledgeBase, documentId)).GetProperty("status").GetString()!;
            if (statuses.Contains(status))
            {
                return status;
            }

            Assert.True(DateTime.UtcNow < deadline,
                $"Document {documentId} was still {status} after {IngestTimeout}, not {string.Join(" or ", statuses)}.");
            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }
    }

    private async Task<(long Rows, long Ordinals, long Embedded)> CountChunksAsync(Guid documentId)
    {
        await using var command = cluster.DataSource.CreateCommand(
            "SELECT count(*), count(DISTINCT ordinal), count(embedding) FROM chunks WHERE document_id = $1");
        command.Parameters.Add(new() { Value = documentId });
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    private async Task<long> CountDocumentsAsync(Guid knowledgeBase)
    {
        await using var command = cluster.DataSource.CreateCommand("SELECT count(*) FROM documents WHERE knowledge_base_id = $1");
        command.Parameters.Add(new() { Value = knowledgeBase });
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
