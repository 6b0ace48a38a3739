using Grpc.Net.Client;
using VoiceHelper.Api.V1;
using static VoiceHelper.Integration.Tests.Infrastructure.RpcCalls;

namespace VoiceHelper.Integration.Tests.Infrastructure;

/// <summary>
/// A knowledge base of tenant A with real pages of the PostgreSQL manual, ingested once for the test class that
/// uses this as its class fixture, because ingestion embeds every chunk and takes seconds.
/// </summary>
public sealed class ManualKnowledgeBase : IDisposable
{
    public const string ManualFolder = "/usr/share/doc/postgresql-doc-15/html";

    private static readonly string[] Pages = ["sql-vacuum.html", "sql-createindex.html", "indexes-types.html"];

    private readonly SemaphoreSlim _ingestion = new(1, 1);
    private (string Id, IReadOnlyDictionary<string, string> DocumentIds)? _ingested;

    public void Dispose() => _ingestion.Dispose();

    /// <summary>
    /// Returns the knowledge base's id and the document id of each page by file name, ingesting the pages through
    /// the gateway on the first call.
    /// </summary>
    public async Task<(string Id, IReadOnlyDictionary<string, string> DocumentIds)> GetAsync(
        ServiceFixture fixture, GrpcChannel channel)
    {
        Assert.True(await _ingestion.WaitAsync(IngestTimeout), $"Ingesting the manual pages took longer than {IngestTimeout}.");
        try
        {
            _ingested ??= await IngestAsync(CreateKnowledgeClient(channel, fixture.AdminKeyOfTenantA));
            return _ingested.Value;
        }
        finally
        {
            _ingestion.Release();
        }
    }

    private static async Task<(string Id, IReadOnlyDictionary<string, string> DocumentIds)> IngestAsync(
        KnowledgeService.KnowledgeServiceClient client)
    {
        var knowledgeBase = await CreateKnowledgeBaseAsync(client);
        var ingests = await Task.WhenAll(Pages.Select(page =>
            RpcCalls.IngestAsync(client, knowledgeBase, Path.Combine(ManualFolder, page), wait: true)));

        var documentIds = new Dictionary<string, string>();
        foreach (var (page, responses) in Pages.Zip(ingests))
        {
            Assert.True(responses[^1].Document.Status == DocumentStatus.Indexed, $"{page} was not indexed: {responses[^1]}");
            documentIds[page] = responses[^1].Document.Id;
        }

        return (knowledgeBase, documentIds);
    }
}
