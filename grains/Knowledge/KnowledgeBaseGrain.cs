using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VoiceHelper.Grains.Logging;
using VoiceHelper.Grains.Persistence;
using VoiceHelper.Knowledge.Answering;

namespace VoiceHelper.Grains.Knowledge;

/// <summary>
/// Owns one knowledge base: checks the tenant, stores uploads and starts their ingestion, and runs hybrid search
/// over its index shards and PostgreSQL full-text search.
/// </summary>
public sealed class KnowledgeBaseGrain(
    PostgresKnowledgeStore store,
    IAnswerGenerator answerer,
    EmbeddingGrainPool embedders,
    IOptions<KnowledgeOptions> options,
    TimeProvider clock,
    ILogger<KnowledgeBaseGrain> logger) : Grain, IKnowledgeBaseGrain
{
    private const int MaxTitleLength = 300;

    private KnowledgeBaseInfo? _info;

    private Guid Id => this.GetPrimaryKey();

    public override async Task OnActivateAsync(CancellationToken cancellationToken) =>
        _info = await store.GetKnowledgeBaseAsync(Id, cancellationToken);

    public async Task<KnowledgeBaseInfo> CreateAsync(Guid tenantId, string name)
    {
        if (_info is not null)
        {
            throw new KnowledgeBaseNameTakenException(_info.Name);
        }

        var info = new KnowledgeBaseInfo(Id, tenantId, name, options.Value.ShardCount, clock.GetUtcNow().TruncateToMicroseconds());
        if (!await store.TryInsertKnowledgeBaseAsync(info, CancellationToken.None))
        {
            throw new KnowledgeBaseNameTakenException(name);
        }

        _info = info;
        GrainLog.KnowledgeBaseCreated(logger, Id, tenantId);
        return info;
    }

    public Task<KnowledgeBaseInfo> GetAsync(Guid tenantId) => Task.FromResult(EnsureOwnedBy(tenantId));

    public async Task DeleteAsync(Guid tenantId)
    {
        var info = EnsureOwnedBy(tenantId);
        var documents = await store.ListDocumentsAsync(Id, CancellationToken.None);
        await Task.WhenAll(documents
            .Where(document => document.Status is not (DocumentStatus.Indexed or DocumentStatus.Failed))
            .Select(document => GrainFactory.GetGrain<IDocumentIngestGrain>(document.Id).CancelAsync()));
        await store.DeleteKnowledgeBaseAsync(Id, CancellationToken.None);
        _info = null;
        for (var shard = 0; shard < info.ShardCount; shard++)
        {
            await GrainFactory.GetGrain<IIndexShardGrain>(IndexShardKey.Format(Id, shard)).ResetAsync();
        }

        GrainLog.KnowledgeBaseDeleted(logger, Id, tenantId);
        DeactivateOnIdle();
    }

    public async Task<DocumentUploadResult> AddDocumentAsync(Guid tenantId, DocumentUpload upload)
    {
        EnsureOwnedBy(tenantId);
        var now = clock.GetUtcNow().TruncateToMicroseconds();
        var title = string.IsNullOrWhiteSpace(upload.Title) ? Path.GetFileNameWithoutExtension(upload.FileName) : upload.Title;
        title = title.Length > MaxTitleLength ? title[..MaxTitleLength] : title;
        var document = new DocumentInfo(
            Guid.NewGuid(), Id, title, upload.FileName, upload.ContentType ?? "application/octet-stream",
            upload.Content.LongLength, DocumentStatus.Queued, null, null, 0, 0, null, null, null, now, now);

        var (stored, created) = await store.InsertDocumentAsync(
            document, SHA256.HashData(upload.Content), upload.Content, CancellationToken.None);
        if (!created && stored.Status == DocumentStatus.Failed && stored.ErrorCode != IngestionErrors.Crashed)
        {
            // The same bytes failed before; a new upload asks for another attempt. A file that crashed the silo
            // stays failed, because another attempt would crash it again.
            await store.RequeueAsync(stored.Id, CancellationToken.None);
            stored = stored with { Status = DocumentStatus.Queued, ErrorCode = null, ErrorMessage = null };
        }

        if (created || stored.Status == DocumentStatus.Queued)
        {
            await GrainFactory.GetGrain<IDocumentIngestGrain>(stored.Id).StartAsync();
        }

        GrainLog.DocumentUploaded(logger, Id, stored.Id, created);
        return new DocumentUploadResult(stored, created);
    }

    public async Task<DocumentInfo> GetDocumentAsync(Guid tenantId, Guid documentId)
    {
        EnsureOwnedBy(tenantId);
        return await store.GetDocumentAsync(Id, documentId, CancellationToken.None)
            ?? throw new DocumentNotFoundException(documentId);
    }

    public async Task<IReadOnlyList<DocumentInfo>> ListDocumentsAsync(Guid tenantId)
    {
        EnsureOwnedBy(tenantId);
        return await store.ListDocumentsAsync(Id, CancellationToken.None);
    }

    public async Task DeleteDocumentAsync(Guid tenantId, Guid documentId)
    {
        var info = EnsureOwnedBy(tenantId);
        _ = await store.GetDocumentAsync(Id, documentId, CancellationToken.None)
            ?? throw new DocumentNotFoundException(documentId);

        await GrainFactory.GetGrain<IDocumentIngestGrain>(documentId).CancelAsync();
        var chunkIds = await store.DeleteDocumentAsync(documentId, CancellationToken.None);
        await IndexShardKey.RemoveAsync(GrainFactory, Id, info.ShardCount, chunkIds);
        GrainLog.DocumentDeleted(logger, Id, documentId, chunkIds.Length);
    }

    public async Task<IReadOnlyList<SearchHit>> SearchAsync(Guid tenantId, SearchQuery query)
    {
        var info = EnsureOwnedBy(tenantId);
        var searcher = new HybridSearch(GrainFactory, embedders, store, options.Value);
        return await searcher.SearchAsync(info, query);
    }

    public async Task<KnowledgeAnswer> AskAsync(Guid tenantId, string question, int topK)
    {
        var hits = await SearchAsync(tenantId, new SearchQuery(question, topK, 0, null));
        var passages = AnswerConversions.ToPassages(hits);

        var answer = await AnswerAsync(question, passages);
        return new KnowledgeAnswer(answer.Text, answer.Answered, AnswerConversions.ToCitations(answer.Sources));
    }

    private async Task<GroundedAnswer> AnswerAsync(string question, List<AnswerPassage> passages)
    {
        try
        {
            // The extractive answerer embeds sentences, which is CPU-bound; the thread pool keeps it off the grain
            // scheduler's threads.
            return await Task.Run(() => answerer.AnswerAsync(question, passages));
        }
        catch (AnswerModelException exception)
        {
            // The answerer logged the failure with the model's address; callers get a message without it.
            throw AnswerFailures.ForCaller(exception);
        }
    }

    private KnowledgeBaseInfo EnsureOwnedBy(Guid tenantId) =>
        _info is { } info && info.TenantId == tenantId ? info : throw new KnowledgeBaseNotFoundException(Id);
}
