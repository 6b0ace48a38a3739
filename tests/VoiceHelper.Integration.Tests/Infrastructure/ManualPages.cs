using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using static VoiceHelper.Integration.Tests.Infrastructure.GatewayCalls;

namespace VoiceHelper.Integration.Tests.Infrastructure;

/// <summary>
/// Pages of the PostgreSQL 15 manual from Debian's postgresql-doc-15 about indexes and their maintenance, with a
/// few neighbours as distractors, uploaded through the REST API into one knowledge base of tenant A on first use.
/// </summary>
public static class ManualPages
{
    public const string Folder = "/usr/share/doc/postgresql-doc-15/html";

    public static readonly string[] Pages =
    [
        "sql-createindex.html", "sql-dropindex.html", "sql-reindex.html", "sql-alterindex.html", "indexes-unique.html",
        "indexes-intro.html", "sql-vacuum.html", "sql-cluster.html", "sql-createtable.html",
    ];

    private static readonly TimeSpan IngestTimeout = TimeSpan.FromMinutes(5);
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static (ServiceFixture Fixture, Ingested Manual)? _ingested;

    /// <summary>The knowledge base and the document id of each page, by file name.</summary>
    public sealed record Ingested(Guid KnowledgeBaseId, IReadOnlyDictionary<string, Guid> DocumentIds);

    /// <summary>Returns the knowledge base of <paramref name="fixture"/>'s services, uploading the pages on the first call.</summary>
    public static async Task<Ingested> GetAsync(ServiceFixture fixture)
    {
        await Gate.WaitAsync();
        try
        {
            if (_ingested is not { } cached || cached.Fixture != fixture)
            {
                _ingested = (fixture, await IngestAsync(fixture));
            }

            return _ingested.Value.Manual;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>Creates a conversation of tenant A that answers from the manual pages.</summary>
    public static async Task<Guid> CreateConversationAsync(ServiceFixture fixture, HttpClient client)
    {
        var manual = await GetAsync(fixture);
        using var response = await client.PostAsJsonAsync("/api/v1/conversations",
            new { title = "manual", knowledge_base_id = manual.KnowledgeBaseId });
        var body = await ReadJsonAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"Creating a conversation failed: {body}");
        return body.GetProperty("id").GetGuid();
    }

    private static async Task<Ingested> IngestAsync(ServiceFixture fixture)
    {
        using var client = fixture.CreateClient(fixture.AdminKeyOfTenantA);
        using var created = await client.PostAsJsonAsync("/api/v1/knowledge-bases", new { name = $"manual-{Guid.NewGuid():N}" });
        var knowledgeBaseId = (await ReadJsonAsync(created)).GetProperty("id").GetGuid();

        var documentIds = new Dictionary<string, Guid>();
        foreach (var page in Pages)
        {
            var file = new ByteArrayContent(await File.ReadAllBytesAsync(Path.Combine(Folder, page)));
            file.Headers.ContentType = new MediaTypeHeaderValue("text/html");
            using var form = new MultipartFormDataContent { { file, "file", page } };
            using var upload = await client.PostAsync($"/api/v1/knowledge-bases/{knowledgeBaseId}/documents", form);
            var body = await ReadJsonAsync(upload);
            Assert.True(upload.IsSuccessStatusCode, $"Uploading {page} failed: {(int)upload.StatusCode} {body}");
            documentIds[page] = body.GetProperty("id").GetGuid();
        }

        foreach (var (page, documentId) in documentIds)
        {
            await WaitUntilIndexedAsync(client, knowledgeBaseId, page, documentId);
        }

        return new Ingested(knowledgeBaseId, documentIds);
    }

    private static async Task WaitUntilIndexedAsync(HttpClient client, Guid knowledgeBaseId, string page, Guid documentId)
    {
        var deadline = DateTime.UtcNow + IngestTimeout;
        var status = "unknown";
        while (DateTime.UtcNow < deadline)
        {
            using var response = await client.GetAsync($"/api/v1/knowledge-bases/{knowledgeBaseId}/documents/{documentId}");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                status = (await ReadJsonAsync(response)).GetProperty("status").GetString() ?? "null";
                if (status is "indexed" or "failed")
                {
                    break;
                }
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }

        Assert.True(status == "indexed", $"{page} ended as '{status}' instead of indexed within {IngestTimeout}.");
    }
}
