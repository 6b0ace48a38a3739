using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using VoiceHelper.Integration.Tests.Infrastructure;
using static VoiceHelper.Integration.Tests.Infrastructure.GatewayCalls;

namespace VoiceHelper.Integration.Tests.Knowledge;

[Collection(ServiceCollection.Name)]
[Trait("Category", "Integration")]
public sealed class KnowledgeApiTests(ServiceFixture fixture)
{
    private const string ManualFolder = "/usr/share/doc/postgresql-doc-15/html";

    [Fact]
    public async Task UploadThenAsk_ManualPage_AnswersWithSource()
    {
        using var client = fixture.CreateClient(fixture.AdminKeyOfTenantA);
        var knowledgeBase = await CreateKnowledgeBaseAsync(client);

        using var upload = await UploadAsync(client, knowledgeBase, Path.Combine(ManualFolder, "sql-vacuum.html"));
        var document = await ReadJsonAsync(upload);
        var documentId = document.GetProperty("id").GetGuid();
        var final = await WaitForFinalStatusAsync(client, knowledgeBase, documentId);
        using var ask = await client.PostAsJsonAsync(
            $"/api/v1/knowledge-bases/{knowledgeBase}/ask", new { question = "What does VACUUM FULL do?" });
        var answer = await ReadJsonAsync(ask);

        Assert.Equal(HttpStatusCode.Accepted, upload.StatusCode);
        Assert.Equal("queued", document.GetProperty("status").GetString());
        Assert.Equal("indexed", final.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, ask.StatusCode);
        Assert.True(answer.GetProperty("answered").GetBoolean(), answer.ToString());
        Assert.Equal(documentId, answer.GetProperty("sources")[0].GetProperty("document_id").GetGuid());
    }

    [Fact]
    public async Task Upload_SiloKilledDuringIngestion_ResumesOnNewSilo()
    {
        using var client = fixture.CreateClient(fixture.AdminKeyOfTenantA);
        var knowledgeBase = await CreateKnowledgeBaseAsync(client);
        var pages = Directory.EnumerateFiles(ManualFolder, "sql-create*.html").Order(StringComparer.Ordinal).Take(12).ToList();
        var documentIds = new List<Guid>();
        foreach (var page in pages)
        {
            using var upload = await UploadAsync(client, knowledgeBase, page);
            documentIds.Add((await ReadJsonAsync(upload)).GetProperty("id").GetGuid());
        }

        using var listed = await client.GetAsync($"/api/v1/knowledge-bases/{knowledgeBase}/documents");
        var unfinishedAtCrash = (await ReadJsonAsync(listed)).GetProperty("documents").EnumerateArray()
            .Count(document => document.GetProperty("status").GetString() != "indexed");
        await fixture.CrashAndReplaceSiloAsync();
        var finals = new List<JsonElement>();
        foreach (var documentId in documentIds)
        {
            finals.Add(await WaitForFinalStatusAsync(client, knowledgeBase, documentId));
        }

        Assert.True(unfinishedAtCrash > 0, "Every document was indexed before the crash, so nothing was resumed.");
        Assert.All(finals, document => Assert.Equal("indexed", document.GetProperty("status").GetString()));
        Assert.All(finals, document => Assert.Equal(
            document.GetProperty("chunk_count").GetInt32(), document.GetProperty("chunks_embedded").GetInt32()));
    }

    [Fact]
    public async Task Search_IndexedPage_ReturnsResultsWithSources()
    {
        using var client = fixture.CreateClient(fixture.AdminKeyOfTenantA);
        var knowledgeBase = await CreateKnowledgeBaseAsync(client);
        using var upload = await UploadAsync(client, knowledgeBase, Path.Combine(ManualFolder, "indexes-types.html"));
        var documentId = (await ReadJsonAsync(upload)).GetProperty("id").GetGuid();
        await WaitForFinalStatusAsync(client, knowledgeBase, documentId);

        using var search = await client.PostAsJsonAsync(
            $"/api/v1/knowledge-bases/{knowledgeBase}/search", new { query = "B-tree index", top_k = 3 });
        var results = (await ReadJsonAsync(search)).GetProperty("results");

        Assert.Equal(HttpStatusCode.OK, search.StatusCode);
        Assert.InRange(results.GetArrayLength(), 1, 3);
        Assert.Equal(documentId, results[0].GetProperty("document_id").GetGuid());
        Assert.False(string.IsNullOrEmpty(results[0].GetProperty("heading").GetString()));
    }

    [Fact]
    public async Task Upload_UnsupportedType_Returns415AndStoresNothing()
    {
        using var client = fixture.CreateClient(fixture.AdminKeyOfTenantA);
        var knowledgeBase = await CreateKnowledgeBaseAsync(client);

        using var upload = await UploadAsync(client, knowledgeBase, "/bin/true", "program.exe");
        var body = await ReadJsonAsync(upload);
        using var list = await client.GetAsync($"/api/v1/knowledge-bases/{knowledgeBase}/documents");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, upload.StatusCode);
        Assert.Equal("document_type_unsupported", body.GetProperty("code").GetString());
        Assert.Equal(0, (await ReadJsonAsync(list)).GetProperty("documents").GetArrayLength());
    }

    [Fact]
    public async Task Upload_NoFileField_Returns400NamingFile()
    {
        using var client = fixture.CreateClient(fixture.AdminKeyOfTenantA);
        var knowledgeBase = await CreateKnowledgeBaseAsync(client);
        using var form = new MultipartFormDataContent { { new StringContent("just a title"), "title" } };

        using var upload = await client.PostAsync($"/api/v1/knowledge-bases/{knowledgeBase}/documents", form);
        var body = await ReadJsonAsync(upload);

        Assert.Equal(HttpStatusCode.BadRequest, upload.StatusCode);
        Assert.True(body.GetProperty("errors").TryGetProperty("file", out _), body.ToString());
    }

    [Fact]
    public async Task Search_EmptyDocumentFilter_Returns400NamingField()
    {
        using var client = fixture.CreateClient(fixture.AdminKeyOfTenantA);
        var knowledgeBase = await CreateKnowledgeBaseAsync(client);

        using var search = await client.PostAsJsonAsync($"/api/v1/knowledge-bases/{knowledgeBase}/search",
            new { query = "B-tree index", filters = new { document_ids = Array.Empty<Guid>() } });
        var body = await ReadJsonAsync(search);

        Assert.Equal(HttpStatusCode.BadRequest, search.StatusCode);
        Assert.True(body.GetProperty("errors").TryGetProperty("filters.document_ids", out _), body.ToString());
    }

    [Fact]
    public async Task GetKnowledgeBase_OtherTenant_Returns404()
    {
        using var owner = fixture.CreateClient(fixture.AdminKeyOfTenantA);
        var knowledgeBase = await CreateKnowledgeBaseAsync(owner);
        using var other = fixture.CreateClient(fixture.KeyOfTenantB);

        using var response = await other.GetAsync($"/api/v1/knowledge-bases/{knowledgeBase}");
        using var search = await other.PostAsJsonAsync($"/api/v1/knowledge-bases/{knowledgeBase}/search", new { query = "x" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, search.StatusCode);
    }

    [Fact]
    public async Task CreateKnowledgeBase_DuplicateName_Returns409()
    {
        using var client = fixture.CreateClient(fixture.AdminKeyOfTenantA);
        var name = $"kb-{Guid.NewGuid():N}";
        using var first = await client.PostAsJsonAsync("/api/v1/knowledge-bases", new { name });

        using var second = await client.PostAsJsonAsync("/api/v1/knowledge-bases", new { name });
        var body = await ReadJsonAsync(second);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("knowledge_base_name_taken", body.GetProperty("code").GetString());
    }

    private static async Task<Guid> CreateKnowledgeBaseAsync(HttpClient client)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/knowledge-bases", new { name = $"kb-{Guid.NewGuid():N}" });
        var body = await ReadJsonAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToString());
        return body.GetProperty("id").GetGuid();
    }

    private static Task<HttpResponseMessage> UploadAsync(HttpClient client, Guid knowledgeBase, string path, string? fileName = null)
    {
        var file = new ByteArrayContent(File.ReadAllBytes(path));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        var form = new MultipartFormDataContent { { file, "file", fileName ?? Path.GetFileName(path) } };
        return client.PostAsync($"/api/v1/knowledge-bases/{knowledgeBase}/documents", form);
    }

    private static async Task<JsonElement> WaitForFinalStatusAsync(HttpClient client, Guid knowledgeBase, Guid documentId)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(180);
        while (true)
        {
            using var response = await client.GetAsync($"/api/v1/knowledge-bases/{knowledgeBase}/documents/{documentId}");
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable && DateTime.UtcNow < deadline)
            {
                // A request may reach the killed silo until the cluster has declared it dead.
                await Task.Delay(200);
                continue;
            }

            var document = await ReadJsonAsync(response);
            var status = document.GetProperty("status").GetString();
            if (status is "indexed" or "failed" || DateTime.UtcNow > deadline)
            {
                return document;
            }

            await Task.Delay(200);
        }
    }
}
