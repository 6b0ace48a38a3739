using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using VoiceHelper.Integration.Tests.Infrastructure;
using Xunit.Abstractions;
using static VoiceHelper.Integration.Tests.Infrastructure.GatewayCalls;

namespace VoiceHelper.Integration.Tests.Acceptance;

/// <summary>
/// The whole PostgreSQL 15 manual from Debian's postgresql-doc-15, uploaded page by page through the REST API into
/// one knowledge base, with the silo killed and replaced while it ingests; then the retrieval test questions asked
/// through <c>/ask</c>.
/// </summary>
[Collection(ServiceCollection.Name)]
[Trait("Category", "Acceptance")]
public sealed class WholeManualTests(ServiceFixture fixture, ITestOutputHelper output)
{
    private const string ManualFolder = "/usr/share/doc/postgresql-doc-15/html";
    private const double MinCitedRate = 0.8;
    private const double CrashAtIndexedFraction = 0.25;
    private static readonly TimeSpan IngestTimeout = TimeSpan.FromMinutes(90);
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(30);

    [AcceptanceFact]
    public async Task WholeManual_IngestedThroughRestAcrossCrash_AskCitesRightPages()
    {
        using var client = fixture.CreateClient(fixture.AdminKeyOfTenantA);
        client.Timeout = TimeSpan.FromMinutes(2);
        var knowledgeBase = await CreateKnowledgeBaseAsync(client);
        var pages = Directory.EnumerateFiles(ManualFolder, "*.html").Order(StringComparer.Ordinal).ToList();

        var clock = Stopwatch.StartNew();
        var documentIds = await UploadAllAsync(client, knowledgeBase, pages);
        output.WriteLine($"Uploaded {pages.Count} pages in {clock.Elapsed.TotalSeconds:N0} s.");
        var summary = await WaitForAllAsync(client, knowledgeBase, pages.Count, clock);
        output.WriteLine($"Ingested {summary.Indexed} pages ({summary.Chunks} chunks) in {clock.Elapsed.TotalMinutes:N1} min, " +
            $"{summary.Chunks / clock.Elapsed.TotalSeconds:N1} chunks/s, with one silo crash after " +
            $"{CrashAtIndexedFraction:P0} of the pages.");
        var citedRate = await AskQuestionsAsync(client, knowledgeBase, documentIds);

        Assert.Empty(summary.Failures);
        Assert.Equal(pages.Count, summary.Indexed);
        Assert.True(citedRate >= MinCitedRate, $"The right page was cited for {citedRate:P1}, below {MinCitedRate:P0}.");
    }

    private static async Task<Guid> CreateKnowledgeBaseAsync(HttpClient client)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/knowledge-bases", new { name = $"manual-{Guid.NewGuid():N}" });
        var body = await ReadJsonAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToString());
        return body.GetProperty("id").GetGuid();
    }

    private static async Task<Dictionary<string, Guid>> UploadAllAsync(HttpClient client, Guid knowledgeBase, List<string> pages)
    {
        var documentIds = new Dictionary<string, Guid>();
        foreach (var page in pages)
        {
            var file = new ByteArrayContent(await File.ReadAllBytesAsync(page));
            file.Headers.ContentType = new MediaTypeHeaderValue("text/html");
            using var form = new MultipartFormDataContent { { file, "file", Path.GetFileName(page) } };
            using var response = await client.PostAsync($"/api/v1/knowledge-bases/{knowledgeBase}/documents", form);
            var body = await ReadJsonAsync(response);
            Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{page}: {(int)response.StatusCode} {body}");
            documentIds[Path.GetFileName(page)] = body.GetProperty("id").GetGuid();
        }

        return documentIds;
    }

    // Polls the document list, prints progress, and kills the silo once, when a quarter of the pages are indexed.
    private async Task<IngestionSummary> WaitForAllAsync(HttpClient client, Guid knowledgeBase, int pageCount, Stopwatch clock)
    {
        var crashed = false;
        var lastProgress = TimeSpan.Zero;
        while (true)
        {
            Assert.True(clock.Elapsed < IngestTimeout, $"The manual was not ingested within {IngestTimeout}.");
            using var response = await client.GetAsync($"/api/v1/knowledge-bases/{knowledgeBase}/documents");
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                // Requests can reach the killed silo until the cluster declares it dead.
                await Task.Delay(TimeSpan.FromSeconds(1));
                continue;
            }

            var summary = IngestionSummary.From(await ReadJsonAsync(response));
            if (clock.Elapsed - lastProgress >= ProgressInterval)
            {
                lastProgress = clock.Elapsed;
                output.WriteLine($"{clock.Elapsed:hh\\:mm\\:ss} {summary}");
            }

            if (!crashed && summary.Indexed >= pageCount * CrashAtIndexedFraction)
            {
                output.WriteLine($"{clock.Elapsed:hh\\:mm\\:ss} killing the silo at {summary}");
                await fixture.CrashAndReplaceSiloAsync();
                crashed = true;
            }

            if (summary.Indexed + summary.Failures.Count == pageCount)
            {
                return summary;
            }

            await Task.Delay(TimeSpan.FromSeconds(2));
        }
    }

    private async Task<double> AskQuestionsAsync(HttpClient client, Guid knowledgeBase, Dictionary<string, Guid> documentIds)
    {
        var questions = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Acceptance", "retrieval-questions.tsv"))
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('\t'))
            .ToList();
        var report = new StringBuilder();
        var cited = 0;
        var clock = Stopwatch.StartNew();
        foreach (var fields in questions)
        {
            var (question, page) = (fields[0], fields[1]);
            using var response = await client.PostAsJsonAsync(
                $"/api/v1/knowledge-bases/{knowledgeBase}/ask", new { question, top_k = 5 });
            var answer = await ReadJsonAsync(response);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{question}: {(int)response.StatusCode} {answer}");
            var found = answer.GetProperty("sources").EnumerateArray()
                .Any(source => source.GetProperty("document_id").GetGuid() == documentIds[page]);
            cited += found ? 1 : 0;
            report.AppendLine($"{(found ? "cited" : "MISS ")} {page,-28} {question}");
        }

        var rate = (double)cited / questions.Count;
        output.WriteLine($"Right page cited for {rate:P1} ({cited} of {questions.Count}) over the whole manual; " +
            $"{clock.Elapsed.TotalMilliseconds / questions.Count:N0} ms per question.");
        output.WriteLine(report.ToString());
        return rate;
    }

    private sealed record IngestionSummary(int Indexed, long Chunks, Dictionary<string, int> Statuses, List<string> Failures)
    {
        public static IngestionSummary From(JsonElement body)
        {
            var statuses = new Dictionary<string, int>();
            var failures = new List<string>();
            var (indexed, chunks) = (0, 0L);
            foreach (var document in body.GetProperty("documents").EnumerateArray())
            {
                var status = document.GetProperty("status").GetString() ?? "missing";
                statuses[status] = statuses.GetValueOrDefault(status) + 1;
                if (status == "indexed")
                {
                    indexed++;
                    chunks += document.GetProperty("chunk_count").GetInt32();
                }
                else if (status == "failed")
                {
                    failures.Add($"{document.GetProperty("file_name").GetString()}: {document}");
                }
            }

            return new IngestionSummary(indexed, chunks, statuses, failures);
        }

        public override string ToString() =>
            string.Join(", ", Statuses.OrderBy(entry => entry.Key).Select(entry => $"{entry.Key} {entry.Value}")) +
            $", {Chunks} chunks indexed";
    }
}
