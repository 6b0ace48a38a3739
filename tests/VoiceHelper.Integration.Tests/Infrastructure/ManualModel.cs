using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using static VoiceHelper.Integration.Tests.Infrastructure.GatewayCalls;

namespace VoiceHelper.Integration.Tests.Infrastructure;

/// <summary>
/// A knowledge base of tenant A with six pages of the PostgreSQL manual (indexes, tables, roles and VACUUM),
/// uploaded through REST once per test run, for the tests of the OpenAI-compatible API, which name it as the model.
/// </summary>
public static class ManualModel
{
    /// <summary>The pages of the knowledge base, from Debian's postgresql-doc-15 package.</summary>
    public static readonly string[] Pages =
    [
        "sql-createindex.html", "sql-dropindex.html", "sql-vacuum.html", "sql-altertable.html", "sql-createtable.html",
        "sql-createrole.html",
    ];

    private const string ManualFolder = "/usr/share/doc/postgresql-doc-15/html";
    private static readonly TimeSpan IndexTimeout = TimeSpan.FromMinutes(3);
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static Uploaded? _uploaded;

    /// <summary>The knowledge base's name (the model), its id, and the document id of each page.</summary>
    public sealed record Uploaded(string Name, Guid Id, IReadOnlyDictionary<string, Guid> DocumentIds);

    /// <summary>Returns the knowledge base, uploading the pages and waiting until they are indexed on the first call.</summary>
    public static async Task<Uploaded> GetAsync(ServiceFixture fixture)
    {
        await Gate.WaitAsync();
        try
        {
            _uploaded ??= await UploadAsync(fixture);
            return _uploaded;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<Uploaded> UploadAsync(ServiceFixture fixture)
    {
        using var client = fixture.CreateClient(fixture.AdminKeyOfTenantA);
        var name = $"manual-{Guid.NewGuid():N}";
        using var created = await client.PostAsJsonAsync("/api/v1/knowledge-bases", new { name });
        var createdBody = await ReadJsonAsync(created);
        Assert.True(created.StatusCode == HttpStatusCode.Created, createdBody.ToString());
        var id = createdBody.GetProperty("id").GetGuid();

        var documentIds = new Dictionary<string, Guid>();
        foreach (var page in Pages)
        {
            var file = new ByteArrayContent(await File.ReadAllBytesAsync(Path.Combine(ManualFolder, page)));
            file.Headers.ContentType = new MediaTypeHeaderValue("text/html");
            using var form = new MultipartFormDataContent { { file, "file", page } };
            using var upload = await client.PostAsync($"/api/v1/knowledge-bases/{id}/documents", form);
            var uploadBody = await ReadJsonAsync(upload);
            Assert.True(upload.IsSuccessStatusCode, $"Uploading {page} failed: {(int)upload.StatusCode} {uploadBody}");
            documentIds[page] = uploadBody.GetProperty("id").GetGuid();
        }

        await WaitUntilIndexedAsync(client, id);
        return new Uploaded(name, id, documentIds);
    }

    private static async Task WaitUntilIndexedAsync(HttpClient client, Guid knowledgeBaseId)
    {
        var deadline = DateTime.UtcNow + IndexTimeout;
        while (true)
        {
            using var response = await client.GetAsync($"/api/v1/knowledge-bases/{knowledgeBaseId}/documents");
            var statuses = (await ReadJsonAsync(response)).GetProperty("documents").EnumerateArray()
                .Select(document => document.GetProperty("status").GetString())
                .ToList();
            if (statuses.All(status => status == "indexed"))
            {
                return;
            }

            Assert.DoesNotContain("failed", statuses);
            Assert.True(DateTime.UtcNow < deadline,
                $"The manual pages were not indexed within {IndexTimeout}; statuses: {string.Join(", ", statuses)}.");
            await Task.Delay(200);
        }
    }
}
