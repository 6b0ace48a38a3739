using VoiceHelper.Grains.Knowledge;
using VoiceHelper.Tests.Infrastructure;

namespace VoiceHelper.Tests.Knowledge;

[Collection(ClusterCollection.Name)]
[Trait("Category", "Grain")]
public sealed class KnowledgeBaseGrainTests(ClusterFixture fixture)
{
    private static readonly TimeSpan IngestTimeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task AddDocument_ManualPage_IsIndexedWithChunksAndTimings()
    {
        var (tenantId, knowledgeBase) = await CreateKnowledgeBaseAsync();

        var upload = await UploadPageAsync(knowledgeBase, tenantId, "indexes-types.html");
        var document = await WaitForFinalStatusAsync(knowledgeBase, tenantId, upload.Document.Id);

        Assert.True(upload.Created);
        Assert.Equal(DocumentStatus.Indexed, document.Status);
        Assert.True(document.ChunkCount > 3, $"Only {document.ChunkCount} chunks.");
        Assert.Equal(document.ChunkCount, document.ChunksEmbedded);
        Assert.NotNull(document.EmbedMs);
        Assert.Contains("Index Types", document.Title);
    }

    [Fact]
    public async Task AddDocument_SameBytesTwice_ReturnsExistingDocument()
    {
        var (tenantId, knowledgeBase) = await CreateKnowledgeBaseAsync();
        var first = await UploadPageAsync(knowledgeBase, tenantId, "sql-vacuum.html");

        var second = await UploadPageAsync(knowledgeBase, tenantId, "sql-vacuum.html");
        var documents = await knowledgeBase.ListDocumentsAsync(tenantId).WaitAsync(TestTimeouts.Step);

        Assert.False(second.Created);
        Assert.Equal(first.Document.Id, second.Document.Id);
        Assert.Single(documents);
    }

    [Fact]
    public async Task AddDocument_CorruptPdf_FailsWithReason()
    {
        var (tenantId, knowledgeBase) = await CreateKnowledgeBaseAsync();
        var upload = new DocumentUpload("broken.pdf", "application/pdf", null, "%PDF-1.7\nthis is not a PDF body"u8.ToArray());

        var result = await knowledgeBase.AddDocumentAsync(tenantId, upload).WaitAsync(TestTimeouts.Step);
        var document = await WaitForFinalStatusAsync(knowledgeBase, tenantId, result.Document.Id);

        Assert.Equal(DocumentStatus.Failed, document.Status);
        Assert.Equal("document_corrupt", document.ErrorCode);
        Assert.Contains("broken.pdf", document.ErrorMessage);
    }

    // Markdig reports its depth limit with a plain ArgumentException, which the grain records as ingestion_failed
    // unless the parser translates it.
    [Fact]
    public async Task AddDocument_DeeplyNestedMarkdown_FailsAsTooComplex()
    {
        var (tenantId, knowledgeBase) = await CreateKnowledgeBaseAsync();
        var markdown = System.Text.Encoding.UTF8.GetBytes(new string('>', 1000) + " Quoted too deeply\n");
        var upload = new DocumentUpload("quotes.md", "text/markdown", null, markdown);

        var result = await knowledgeBase.AddDocumentAsync(tenantId, upload).WaitAsync(TestTimeouts.Step);
        var document = await WaitForFinalStatusAsync(knowledgeBase, tenantId, result.Document.Id);

        Assert.Equal(DocumentStatus.Failed, document.Status);
        Assert.Equal("document_too_complex", document.ErrorCode);
        Assert.Contains("MaxMarkdownNestingDepth", document.ErrorMessage);
    }

    [Fact]
    public async Task Ingest_InterruptedTooOften_FailsAsCrashedAndStaysFailed()
    {
        var (tenantId, knowledgeBase) = await CreateKnowledgeBaseAsync();
        var documentId = await IngestPageAsync(knowledgeBase, tenantId, "sql-vacuum.html");
        // As a silo that died while parsing leaves it: still parsing, with every allowed attempt used.
        await using (var command = fixture.DataSource.CreateCommand(
            "UPDATE documents SET status = 'parsing', ingest_attempts = $2 WHERE id = $1"))
        {
            command.Parameters.Add(new() { Value = documentId });
            command.Parameters.Add(new() { Value = IngestionErrors.MaxAttempts });
            await command.ExecuteNonQueryAsync();
        }

        await fixture.Cluster.GrainFactory.GetGrain<IDocumentIngestGrain>(documentId).StartAsync().WaitAsync(TestTimeouts.Step);
        var document = await WaitForFinalStatusAsync(knowledgeBase, tenantId, documentId);
        var again = await UploadPageAsync(knowledgeBase, tenantId, "sql-vacuum.html");

        Assert.Equal(DocumentStatus.Failed, document.Status);
        Assert.Equal(IngestionErrors.Crashed, document.ErrorCode);
        Assert.Equal(DocumentStatus.Failed, again.Document.Status);
    }

    [Fact]
    public async Task Search_IndexedPages_FindsPageThatAnswers()
    {
        var (tenantId, knowledgeBase) = await CreateKnowledgeBaseAsync();
        var indexes = await IngestPageAsync(knowledgeBase, tenantId, "indexes-types.html");
        await IngestPageAsync(knowledgeBase, tenantId, "sql-vacuum.html");

        var hits = await knowledgeBase.SearchAsync(tenantId,
            new SearchQuery("Which index type supports full text search on arrays and jsonb?", 5, 0, null))
            .WaitAsync(TestTimeouts.Step);

        Assert.NotEmpty(hits);
        Assert.Equal(indexes, hits[0].DocumentId);
        Assert.InRange(hits[0].Score, 0.01, 1.0);
    }

    [Fact]
    public async Task Search_DocumentFilter_ReturnsOnlyThatDocument()
    {
        var (tenantId, knowledgeBase) = await CreateKnowledgeBaseAsync();
        await IngestPageAsync(knowledgeBase, tenantId, "indexes-types.html");
        var vacuum = await IngestPageAsync(knowledgeBase, tenantId, "sql-vacuum.html");

        var hits = await knowledgeBase.SearchAsync(tenantId, new SearchQuery("index types", 10, 0, [vacuum]))
            .WaitAsync(TestTimeouts.Step);

        Assert.All(hits, hit => Assert.Equal(vacuum, hit.DocumentId));
    }

    [Fact]
    public async Task Search_FilterOnWeakerDocument_StillFillsTopK()
    {
        // With top_k 1, the few vector candidates of the whole knowledge base all come from the index page, so a
        // filter applied after the shard search would leave nothing of the VACUUM page.
        var (tenantId, knowledgeBase) = await CreateKnowledgeBaseAsync();
        await IngestPageAsync(knowledgeBase, tenantId, "indexes-types.html");
        var vacuum = await IngestPageAsync(knowledgeBase, tenantId, "sql-vacuum.html");

        var hits = await knowledgeBase.SearchAsync(tenantId,
            new SearchQuery("Which index type supports full text search on arrays and jsonb?", 1, 0, [vacuum]))
            .WaitAsync(TestTimeouts.Step);

        var hit = Assert.Single(hits);
        Assert.Equal(vacuum, hit.DocumentId);
    }

    [Fact]
    public async Task CancelIngest_LargePage_StopsBeforeIndexed()
    {
        var (tenantId, knowledgeBase) = await CreateKnowledgeBaseAsync();
        var upload = await UploadPageAsync(knowledgeBase, tenantId, "app-psql.html");
        var ingest = fixture.Cluster.GrainFactory.GetGrain<IDocumentIngestGrain>(upload.Document.Id);

        await ingest.CancelAsync().WaitAsync(TestTimeouts.Step);
        var afterCancel = await knowledgeBase.GetDocumentAsync(tenantId, upload.Document.Id).WaitAsync(TestTimeouts.Step);
        await ingest.StartAsync().WaitAsync(TestTimeouts.Step);
        var resumed = await WaitForFinalStatusAsync(knowledgeBase, tenantId, upload.Document.Id);

        Assert.NotEqual(DocumentStatus.Indexed, afterCancel.Status);
        Assert.NotEqual(DocumentStatus.Failed, afterCancel.Status);
        Assert.Equal(DocumentStatus.Indexed, resumed.Status);
    }

    [Fact]
    public async Task DeleteDocument_WhileIngesting_LeavesNoChunks()
    {
        var (tenantId, knowledgeBase) = await CreateKnowledgeBaseAsync();
        var upload = await UploadPageAsync(knowledgeBase, tenantId, "app-psql.html");

        await knowledgeBase.DeleteDocumentAsync(tenantId, upload.Document.Id).WaitAsync(TestTimeouts.Step);
        await Task.Delay(TimeSpan.FromSeconds(1));
        var chunks = await TestDatabase.CountChunksAsync(fixture.DataSource, upload.Document.Id);

        Assert.Equal(0L, chunks);
        await Assert.ThrowsAsync<DocumentNotFoundException>(
            () => knowledgeBase.GetDocumentAsync(tenantId, upload.Document.Id).WaitAsync(TestTimeouts.Step));
    }

    [Fact]
    public async Task DeleteDocument_Indexed_RemovesItFromSearch()
    {
        var (tenantId, knowledgeBase) = await CreateKnowledgeBaseAsync();
        var vacuum = await IngestPageAsync(knowledgeBase, tenantId, "sql-vacuum.html");

        await knowledgeBase.DeleteDocumentAsync(tenantId, vacuum).WaitAsync(TestTimeouts.Step);
        var hits = await knowledgeBase.SearchAsync(tenantId, new SearchQuery("VACUUM FULL reclaims space", 5, 0, null))
            .WaitAsync(TestTimeouts.Step);

        Assert.Empty(hits);
    }

    [Fact]
    public async Task Ask_AnsweredQuestion_CitesThePage()
    {
        var (tenantId, knowledgeBase) = await CreateKnowledgeBaseAsync();
        var vacuum = await IngestPageAsync(knowledgeBase, tenantId, "sql-vacuum.html");

        var answer = await knowledgeBase.AskAsync(tenantId, "What does VACUUM FULL do?", 5).WaitAsync(TestTimeouts.Step);

        Assert.True(answer.Answered, answer.Answer);
        Assert.Contains(answer.Sources, source => source.DocumentId == vacuum);
        Assert.All(answer.Sources, source => Assert.Contains(source.Quote, answer.Answer));
    }

    [Fact]
    public async Task Ask_UnrelatedQuestion_SaysItDoesNotKnow()
    {
        var (tenantId, knowledgeBase) = await CreateKnowledgeBaseAsync();
        await IngestPageAsync(knowledgeBase, tenantId, "sql-vacuum.html");

        var answer = await knowledgeBase.AskAsync(tenantId, "Who won the football world cup in 1954?", 5)
            .WaitAsync(TestTimeouts.Step);

        Assert.False(answer.Answered, answer.Answer);
        Assert.Empty(answer.Sources);
    }

    [Fact]
    public async Task Get_OtherTenant_ThrowsNotFound()
    {
        var (_, knowledgeBase) = await CreateKnowledgeBaseAsync();
        var otherTenant = await TestDatabase.CreateTenantAsync(fixture.DataSource);

        await Assert.ThrowsAsync<KnowledgeBaseNotFoundException>(
            () => knowledgeBase.GetAsync(otherTenant).WaitAsync(TestTimeouts.Step));
    }

    [Fact]
    public async Task Create_NameTakenByTenant_ThrowsNameTaken()
    {
        var (tenantId, knowledgeBase) = await CreateKnowledgeBaseAsync();
        var info = await knowledgeBase.GetAsync(tenantId).WaitAsync(TestTimeouts.Step);
        var second = fixture.Cluster.GrainFactory.GetGrain<IKnowledgeBaseGrain>(Guid.NewGuid());

        await Assert.ThrowsAsync<KnowledgeBaseNameTakenException>(
            () => second.CreateAsync(tenantId, info.Name).WaitAsync(TestTimeouts.Step));
    }

    private async Task<(Guid TenantId, IKnowledgeBaseGrain Grain)> CreateKnowledgeBaseAsync()
    {
        var tenantId = await TestDatabase.CreateTenantAsync(fixture.DataSource);
        var grain = fixture.Cluster.GrainFactory.GetGrain<IKnowledgeBaseGrain>(Guid.NewGuid());
        await grain.CreateAsync(tenantId, $"kb-{Guid.NewGuid():N}").WaitAsync(TestTimeouts.Step);
        return (tenantId, grain);
    }

    private static Task<DocumentUploadResult> UploadPageAsync(IKnowledgeBaseGrain grain, Guid tenantId, string page) =>
        grain.AddDocumentAsync(tenantId, new DocumentUpload(page, "text/html", null, PostgresManual.ReadPage(page)))
            .WaitAsync(TestTimeouts.Step);

    private static async Task<Guid> IngestPageAsync(IKnowledgeBaseGrain grain, Guid tenantId, string page)
    {
        var upload = await UploadPageAsync(grain, tenantId, page);
        var document = await WaitForFinalStatusAsync(grain, tenantId, upload.Document.Id);
        Assert.True(document.Status == DocumentStatus.Indexed, $"{page}: {document.Status} {document.ErrorMessage}");
        return document.Id;
    }

    private static async Task<DocumentInfo> WaitForFinalStatusAsync(IKnowledgeBaseGrain grain, Guid tenantId, Guid documentId)
    {
        var deadline = DateTime.UtcNow + IngestTimeout;
        while (true)
        {
            var document = await grain.GetDocumentAsync(tenantId, documentId).WaitAsync(TestTimeouts.Step);
            if (document.Status is DocumentStatus.Indexed or DocumentStatus.Failed)
            {
                return document;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Document {documentId} still {document.Status} after {IngestTimeout}.");
            await Task.Delay(100);
        }
    }
}
