using VoiceHelper.Grains.Knowledge;

namespace VoiceHelper.Tests.Infrastructure;

/// <summary>
/// A tenant with one knowledge base of a few PostgreSQL manual pages about indexes, tables and VACUUM, ingested once
/// per test run for the conversation tests.
/// </summary>
public static class ManualKnowledgeBase
{
    /// <summary>The pages of the knowledge base.</summary>
    public static readonly string[] Pages =
    [
        "sql-createindex.html", "sql-dropindex.html", "sql-vacuum.html", "sql-altertable.html", "sql-createtable.html",
        "sql-createrole.html",
    ];

    private static readonly TimeSpan IngestTimeout = TimeSpan.FromMinutes(3);
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static Ingested? _ingested;

    /// <summary>The tenant, the knowledge base and the document id of each page.</summary>
    public sealed record Ingested(Guid TenantId, Guid KnowledgeBaseId, IReadOnlyDictionary<string, Guid> DocumentIds);

    /// <summary>Returns the knowledge base, ingesting it on the first call.</summary>
    public static async Task<Ingested> GetAsync(ClusterFixture fixture)
    {
        await Gate.WaitAsync();
        try
        {
            _ingested ??= await IngestAsync(fixture);
            return _ingested;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<Ingested> IngestAsync(ClusterFixture fixture)
    {
        var tenantId = await TestDatabase.CreateTenantAsync(fixture.DataSource);
        var knowledgeBaseId = Guid.NewGuid();
        var grain = fixture.Cluster.GrainFactory.GetGrain<IKnowledgeBaseGrain>(knowledgeBaseId);
        await grain.CreateAsync(tenantId, "conversation-manual").WaitAsync(TestTimeouts.Step);

        var documentIds = new Dictionary<string, Guid>();
        foreach (var page in Pages)
        {
            var upload = new DocumentUpload(page, "text/html", null, PostgresManual.ReadPage(page));
            documentIds[page] = (await grain.AddDocumentAsync(tenantId, upload).WaitAsync(TestTimeouts.Step)).Document.Id;
        }

        var deadline = DateTime.UtcNow + IngestTimeout;
        while (true)
        {
            var documents = await grain.ListDocumentsAsync(tenantId).WaitAsync(TestTimeouts.Step);
            if (documents.All(document => document.Status == DocumentStatus.Indexed))
            {
                return new Ingested(tenantId, knowledgeBaseId, documentIds);
            }

            Assert.DoesNotContain(documents, document => document.Status == DocumentStatus.Failed);
            Assert.True(DateTime.UtcNow < deadline, $"The conversation pages were not indexed within {IngestTimeout}.");
            await Task.Delay(200);
        }
    }
}
