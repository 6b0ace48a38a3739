using System.Text;
using VoiceHelper.Grains.Knowledge;
using VoiceHelper.Tests.Infrastructure;
using Xunit.Abstractions;

namespace VoiceHelper.Tests.Knowledge;

/// <summary>
/// Retrieval quality on real documents: pages of the PostgreSQL manual, questions written for this test, each
/// answered by one page, with as many other manual pages mixed in as distractors.
/// </summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Grain")]
public sealed class RetrievalQualityTests(ClusterFixture fixture, ITestOutputHelper output)
{
    private const double MinHitRate = 0.8;
    private const int DistractorPages = 40;
    private static readonly TimeSpan IngestTimeout = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task Search_ManualQuestions_HitAt5AboveTarget()
    {
        var (tenantId, knowledgeBase, documentIds, pageCount) = await IngestedManual.GetAsync(fixture);
        var questions = ReadQuestions();

        var report = new StringBuilder();
        var hits = 0;
        foreach (var (question, page) in questions)
        {
            var results = await knowledgeBase.SearchAsync(tenantId, new SearchQuery(question, 5, 0, null))
                .WaitAsync(TestTimeouts.Step);
            var found = results.Any(result => result.DocumentId == documentIds[page]);
            hits += found ? 1 : 0;
            report.AppendLine($"{(found ? "hit " : "MISS")} {page,-28} {question}");
        }

        var rate = (double)hits / questions.Count;
        output.WriteLine($"hit@5 = {rate:P1} ({hits} of {questions.Count}) over {pageCount} pages");
        output.WriteLine(report.ToString());
        Assert.True(rate >= MinHitRate, $"hit@5 = {rate:P1}, below {MinHitRate:P0}.\n{report}");
    }

    [Fact]
    public async Task Ask_ManualQuestions_CitesRightPageAboveTarget()
    {
        var (tenantId, knowledgeBase, documentIds, pageCount) = await IngestedManual.GetAsync(fixture);
        var questions = ReadQuestions();

        var report = new StringBuilder();
        var cited = 0;
        foreach (var (question, page) in questions)
        {
            var answer = await knowledgeBase.AskAsync(tenantId, question, 5).WaitAsync(TestTimeouts.Step);
            var found = answer.Sources.Any(source => source.DocumentId == documentIds[page]);
            cited += found ? 1 : 0;
            report.AppendLine($"{(found ? "cited" : "MISS ")} {page,-28} {question}");
            report.AppendLine($"      {answer.Answer.ReplaceLineEndings(" ")}");
        }

        var rate = (double)cited / questions.Count;
        output.WriteLine($"right page cited = {rate:P1} ({cited} of {questions.Count}) over {pageCount} pages");
        output.WriteLine(report.ToString());
        Assert.True(rate >= MinHitRate, $"Right page cited for {rate:P1}, below {MinHitRate:P0}.\n{report}");
    }

    private static List<(string Question, string Page)> ReadQuestions() =>
        File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Knowledge", "retrieval-questions.tsv"))
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('\t'))
            .Select(fields => (fields[0], fields[1]))
            .ToList();

    // The first SQL command reference pages in name order that no question is about: similar pages, so the
    // ranking has to tell them apart.
    private static IEnumerable<string> DistractorsFor(List<(string Question, string Page)> questions) =>
        Directory.EnumerateFiles(PostgresManual.HtmlFolder, "sql-*.html")
            .Select(Path.GetFileName)
            .OfType<string>()
            .Order(StringComparer.Ordinal)
            .Where(page => questions.All(question => question.Page != page))
            .Take(DistractorPages);

    // Both tests read one knowledge base, because ingesting the pages takes most of their time.
    private static class IngestedManual
    {
        private static readonly SemaphoreSlim Gate = new(1, 1);
        private static (Guid TenantId, IKnowledgeBaseGrain Grain, Dictionary<string, Guid> DocumentIds, int PageCount)? _ingested;

        public static async Task<(Guid TenantId, IKnowledgeBaseGrain Grain, Dictionary<string, Guid> DocumentIds, int PageCount)> GetAsync(
            ClusterFixture fixture)
        {
            await Gate.WaitAsync();
            try
            {
                _ingested ??= await IngestAsync(fixture);
                return _ingested.Value;
            }
            finally
            {
                Gate.Release();
            }
        }

        private static async Task<(Guid, IKnowledgeBaseGrain, Dictionary<string, Guid>, int)> IngestAsync(ClusterFixture fixture)
        {
            var questions = ReadQuestions();
            var pages = questions.Select(question => question.Page).Concat(DistractorsFor(questions)).Distinct().ToList();
            var tenantId = await TestDatabase.CreateTenantAsync(fixture.DataSource);
            var grain = fixture.Cluster.GrainFactory.GetGrain<IKnowledgeBaseGrain>(Guid.NewGuid());
            await grain.CreateAsync(tenantId, "postgres-manual").WaitAsync(TestTimeouts.Step);

            var documentIds = new Dictionary<string, Guid>();
            foreach (var page in pages)
            {
                var upload = new DocumentUpload(page, "text/html", null, PostgresManual.ReadPage(page));
                documentIds[page] = (await grain.AddDocumentAsync(tenantId, upload).WaitAsync(TestTimeouts.Step)).Document.Id;
            }

            await WaitUntilIndexedAsync(grain, tenantId, pages.Count);
            return (tenantId, grain, documentIds, pages.Count);
        }

        private static async Task WaitUntilIndexedAsync(IKnowledgeBaseGrain grain, Guid tenantId, int pageCount)
        {
            var deadline = DateTime.UtcNow + IngestTimeout;
            while (true)
            {
                var documents = await grain.ListDocumentsAsync(tenantId).WaitAsync(TestTimeouts.Step);
                var failed = documents.Where(document => document.Status == DocumentStatus.Failed).ToList();
                Assert.True(failed.Count == 0, string.Join("\n", failed.Select(document => $"{document.FileName}: {document.ErrorMessage}")));
                if (documents.All(document => document.Status == DocumentStatus.Indexed))
                {
                    return;
                }

                Assert.True(DateTime.UtcNow < deadline, $"Ingestion of {pageCount} pages took longer than {IngestTimeout}.");
                await Task.Delay(500);
            }
        }
    }
}
