using VoiceHelper.Client;
using VoiceHelper.Integration.Tests.Infrastructure;

namespace VoiceHelper.Integration.Tests.Clients;

/// <summary>
/// A knowledge base of tenant A with three pages of the PostgreSQL manual, uploaded once through the SDK for the test
/// class that uses this as its class fixture, with every progress report of the uploads kept for the tests to read.
/// </summary>
public sealed class SdkManual : IDisposable
{
    public const string Folder = "/usr/share/doc/postgresql-doc-15/html";

    public static readonly string[] Pages = ["sql-vacuum.html", "sql-dropindex.html", "sql-cluster.html"];

    private static readonly TimeSpan IngestTimeout = TimeSpan.FromMinutes(3);

    private readonly SemaphoreSlim _ingestion = new(1, 1);
    private Ingested? _ingested;

    /// <summary>The knowledge base, each page's upload result, and each page's progress reports in order.</summary>
    public sealed record Ingested(
        KnowledgeBase KnowledgeBase,
        IReadOnlyDictionary<string, UploadResult> Uploads,
        IReadOnlyDictionary<string, IReadOnlyList<UploadProgress>> Progress);

    public void Dispose() => _ingestion.Dispose();

    public async Task<Ingested> GetAsync(ServiceFixture fixture)
    {
        Assert.True(await _ingestion.WaitAsync(IngestTimeout), $"Ingesting the manual pages took longer than {IngestTimeout}.");
        try
        {
            _ingested ??= await IngestAsync(fixture);
            return _ingested;
        }
        finally
        {
            _ingestion.Release();
        }
    }

    private static async Task<Ingested> IngestAsync(ServiceFixture fixture)
    {
        using var client = SdkClients.Create(fixture.GatewayGrpcAddress, fixture.AdminKeyOfTenantA);
        using var timeout = new CancellationTokenSource(IngestTimeout);
        var knowledgeBase = await client.Knowledge.CreateKnowledgeBaseAsync($"sdk-{Guid.NewGuid():N}", timeout.Token);

        var reports = Pages.ToDictionary(page => page, _ => new List<UploadProgress>());
        var uploads = await Task.WhenAll(Pages.Select(page => client.Knowledge.UploadDocumentAsync(
            knowledgeBase.Id, Path.Combine(Folder, page), new UploadOptions { WaitUntilIndexed = true },
            new RecordingProgress(reports[page]), timeout.Token)));

        return new Ingested(
            knowledgeBase,
            Pages.Zip(uploads).ToDictionary(pair => pair.First, pair => pair.Second),
            reports.ToDictionary(pair => pair.Key, pair => (IReadOnlyList<UploadProgress>)pair.Value));
    }

    // Records reports on the reporting thread, in order; Progress<T> would post them to the thread pool.
    private sealed class RecordingProgress(List<UploadProgress> reports) : IProgress<UploadProgress>
    {
        public void Report(UploadProgress value)
        {
            lock (reports)
            {
                reports.Add(value);
            }
        }
    }
}
