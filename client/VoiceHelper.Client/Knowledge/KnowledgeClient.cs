using VoiceHelper.Client.Internal;
using V1 = VoiceHelper.Api.V1;

namespace VoiceHelper.Client;

/// <summary>
/// Knowledge bases, their documents, search and questions: the calls of <c>voicehelper.v1.KnowledgeService</c>.
/// Reads, searches, questions and uploads are retried on transient failures; creating and deleting are not.
/// </summary>
public sealed class KnowledgeClient
{
    private readonly RpcInvoker _invoker;
    private readonly V1.KnowledgeService.KnowledgeServiceClient _service;

    internal KnowledgeClient(RpcInvoker invoker)
    {
        _invoker = invoker;
        _service = new V1.KnowledgeService.KnowledgeServiceClient(invoker.CallInvoker);
    }

    /// <summary>Creates a knowledge base.</summary>
    /// <param name="name">1 to 100 characters, unique within the tenant.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="VoiceHelperConflictException">The tenant has a knowledge base with this name.</exception>
    public async Task<KnowledgeBase> CreateKnowledgeBaseAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);

        var request = new V1.CreateKnowledgeBaseRequest { Name = name };
        var created = await _invoker.CallOnceAsync(
            options => _service.CreateKnowledgeBaseAsync(request, options), cancellationToken).ConfigureAwait(false);
        return created.ToModel();
    }

    /// <summary>Lists the tenant's knowledge bases, oldest first.</summary>
    public async Task<IReadOnlyList<KnowledgeBase>> ListKnowledgeBasesAsync(CancellationToken cancellationToken = default)
    {
        var response = await _invoker.CallWithRetriesAsync(nameof(ListKnowledgeBasesAsync),
            options => _service.ListKnowledgeBasesAsync(new V1.ListKnowledgeBasesRequest(), options),
            cancellationToken).ConfigureAwait(false);
        return response.KnowledgeBases.Select(Conversions.ToModel).ToList();
    }

    /// <summary>Reads one knowledge base.</summary>
    /// <exception cref="VoiceHelperNotFoundException">The tenant has no such knowledge base.</exception>
    public async Task<KnowledgeBase> GetKnowledgeBaseAsync(Guid knowledgeBaseId, CancellationToken cancellationToken = default)
    {
        var request = new V1.GetKnowledgeBaseRequest { KnowledgeBaseId = knowledgeBaseId.ToString() };
        var response = await _invoker.CallWithRetriesAsync(nameof(GetKnowledgeBaseAsync),
            options => _service.GetKnowledgeBaseAsync(request, options), cancellationToken).ConfigureAwait(false);
        return response.ToModel();
    }

    /// <summary>Deletes a knowledge base with all its documents and chunks.</summary>
    /// <exception cref="VoiceHelperNotFoundException">The tenant has no such knowledge base.</exception>
    public async Task DeleteKnowledgeBaseAsync(Guid knowledgeBaseId, CancellationToken cancellationToken = default)
    {
        var request = new V1.DeleteKnowledgeBaseRequest { KnowledgeBaseId = knowledgeBaseId.ToString() };
        await _invoker.CallOnceAsync(
            options => _service.DeleteKnowledgeBaseAsync(request, options), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Uploads a file and queues its ingestion. The call is retried on a transient failure: the gateway stores the
    /// same bytes only once, so a repeated upload returns the document that the first one stored.
    /// </summary>
    /// <param name="knowledgeBaseId">The knowledge base to add the document to.</param>
    /// <param name="path">The file; its name's extension must be one of <see cref="DocumentTypes.Extensions"/>.</param>
    /// <param name="options">The title, media type, and whether to wait until the document is indexed.</param>
    /// <param name="progress">Receives the bytes sent, then the document's ingestion progress.</param>
    /// <param name="cancellationToken">
    /// Cancels the call. Ingestion of a file that the gateway has stored goes on; read it with <see cref="GetDocumentAsync"/>.
    /// </param>
    /// <returns>The stored document, final when <see cref="UploadOptions.WaitUntilIndexed"/> is set.</returns>
    /// <exception cref="VoiceHelperValidationException">
    /// The file is larger than 50 MiB (<c>payload_too_large</c>) or of an unsupported type (<c>document_type_unsupported</c>).
    /// </exception>
    /// <exception cref="VoiceHelperNotFoundException">The tenant has no such knowledge base.</exception>
    public Task<UploadResult> UploadDocumentAsync(Guid knowledgeBaseId, string path, UploadOptions? options = null,
        IProgress<UploadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);

        var upload = new DocumentUpload(_invoker, _service, knowledgeBaseId, Path.GetFileName(path), options, progress);
        return upload.RunAsync(() => File.OpenRead(path), ownsStream: true, canRepeat: true, cancellationToken);
    }

    /// <summary>
    /// Uploads a document from a stream and queues its ingestion. A seekable stream is read from its current position
    /// and the call is retried on a transient failure; any other stream is sent once.
    /// </summary>
    /// <param name="knowledgeBaseId">The knowledge base to add the document to.</param>
    /// <param name="content">The document's bytes. The caller keeps ownership of the stream.</param>
    /// <param name="fileName">The file name to store; its extension selects the parser.</param>
    /// <param name="options">The title, media type, and whether to wait until the document is indexed.</param>
    /// <param name="progress">Receives the bytes sent, then the document's ingestion progress.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The stored document, final when <see cref="UploadOptions.WaitUntilIndexed"/> is set.</returns>
    public Task<UploadResult> UploadDocumentAsync(Guid knowledgeBaseId, Stream content, string fileName,
        UploadOptions? options = null, IProgress<UploadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);

        var upload = new DocumentUpload(_invoker, _service, knowledgeBaseId, fileName, options, progress);
        if (!content.CanSeek)
        {
            return upload.RunAsync(() => content, ownsStream: false, canRepeat: false, cancellationToken);
        }

        var start = content.Position;
        return upload.RunAsync(() =>
        {
            content.Position = start;
            return content;
        }, ownsStream: false, canRepeat: true, cancellationToken);
    }

    /// <summary>Reads one document with its ingestion progress.</summary>
    /// <exception cref="VoiceHelperNotFoundException">There is no such knowledge base or document.</exception>
    public async Task<Document> GetDocumentAsync(Guid knowledgeBaseId, Guid documentId, CancellationToken cancellationToken = default)
    {
        var request = new V1.GetDocumentRequest { KnowledgeBaseId = knowledgeBaseId.ToString(), DocumentId = documentId.ToString() };
        var response = await _invoker.CallWithRetriesAsync(nameof(GetDocumentAsync),
            options => _service.GetDocumentAsync(request, options), cancellationToken).ConfigureAwait(false);
        return response.ToModel();
    }

    /// <summary>Lists the documents of a knowledge base.</summary>
    /// <exception cref="VoiceHelperNotFoundException">The tenant has no such knowledge base.</exception>
    public async Task<IReadOnlyList<Document>> ListDocumentsAsync(Guid knowledgeBaseId, CancellationToken cancellationToken = default)
    {
        var request = new V1.ListDocumentsRequest { KnowledgeBaseId = knowledgeBaseId.ToString() };
        var response = await _invoker.CallWithRetriesAsync(nameof(ListDocumentsAsync),
            options => _service.ListDocumentsAsync(request, options), cancellationToken).ConfigureAwait(false);
        return response.Documents.Select(Conversions.ToModel).ToList();
    }

    /// <summary>Deletes a document and removes its chunks from search.</summary>
    /// <exception cref="VoiceHelperNotFoundException">There is no such knowledge base or document.</exception>
    public async Task DeleteDocumentAsync(Guid knowledgeBaseId, Guid documentId, CancellationToken cancellationToken = default)
    {
        var request = new V1.DeleteDocumentRequest { KnowledgeBaseId = knowledgeBaseId.ToString(), DocumentId = documentId.ToString() };
        await _invoker.CallOnceAsync(
            options => _service.DeleteDocumentAsync(request, options), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Returns the chunks that best match a query, best first. Search is hybrid: vector search over the query's
    /// embedding and full-text search over its words, fused by reciprocal rank fusion.
    /// </summary>
    /// <param name="knowledgeBaseId">The knowledge base to search.</param>
    /// <param name="query">1 to 2,000 characters.</param>
    /// <param name="options">How many results, the lowest score, and which documents.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="VoiceHelperValidationException">An option is out of range; the exception names the field.</exception>
    public async Task<IReadOnlyList<SearchResult>> SearchAsync(Guid knowledgeBaseId, string query, SearchOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(query);

        var request = new V1.SearchRequest { KnowledgeBaseId = knowledgeBaseId.ToString(), Query = query };
        if (options?.TopK is { } topK)
        {
            request.TopK = topK;
        }

        if (options?.MinScore is { } minScore)
        {
            request.MinScore = minScore;
        }

        request.DocumentIds.Add(options?.DocumentIds?.Select(id => id.ToString()) ?? []);
        var response = await _invoker.CallWithRetriesAsync(nameof(SearchAsync),
            callOptions => _service.SearchAsync(request, callOptions), cancellationToken).ConfigureAwait(false);
        return response.Results.Select(Conversions.ToModel).ToList();
    }

    /// <summary>Answers a question from the knowledge base's best passages and cites the passages it quoted.</summary>
    /// <param name="knowledgeBaseId">The knowledge base to answer from.</param>
    /// <param name="question">1 to 2,000 characters.</param>
    /// <param name="topK">How many passages to answer from, 1 to 50; null means 5.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<Answer> AskAsync(Guid knowledgeBaseId, string question, int? topK = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(question);

        var request = new V1.AskRequest { KnowledgeBaseId = knowledgeBaseId.ToString(), Question = question };
        if (topK is { } value)
        {
            request.TopK = value;
        }

        var response = await _invoker.CallWithRetriesAsync(nameof(AskAsync),
            options => _service.AskAsync(request, options), cancellationToken).ConfigureAwait(false);
        return response.ToModel();
    }
}
