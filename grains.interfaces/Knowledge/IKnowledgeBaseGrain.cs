namespace VoiceHelper.Grains.Knowledge;

/// <summary>
/// One knowledge base, keyed by its id: its documents and its index shards. Every call names the calling tenant,
/// so a knowledge base of another tenant behaves as if it did not exist.
/// </summary>
[Alias("VoiceHelper.IKnowledgeBaseGrain")]
public interface IKnowledgeBaseGrain : IGrainWithGuidKey
{
    /// <exception cref="KnowledgeBaseNameTakenException">The tenant already has a knowledge base with this name.</exception>
    [Alias("Create")]
    Task<KnowledgeBaseInfo> CreateAsync(Guid tenantId, string name);

    /// <exception cref="KnowledgeBaseNotFoundException">No knowledge base with this id belongs to the tenant.</exception>
    [Alias("Get")]
    Task<KnowledgeBaseInfo> GetAsync(Guid tenantId);

    /// <summary>Deletes the knowledge base with its documents, chunks and index shards.</summary>
    /// <exception cref="KnowledgeBaseNotFoundException">No knowledge base with this id belongs to the tenant.</exception>
    [Alias("Delete")]
    Task DeleteAsync(Guid tenantId);

    /// <summary>
    /// Stores an uploaded file and queues its ingestion. The same bytes uploaded again return the existing
    /// document; a file with the same name and new bytes replaces the older document once the new one is indexed.
    /// </summary>
    [Alias("AddDocument")]
    Task<DocumentUploadResult> AddDocumentAsync(Guid tenantId, DocumentUpload upload);

    /// <exception cref="DocumentNotFoundException">The knowledge base has no such document.</exception>
    [Alias("GetDocument")]
    Task<DocumentInfo> GetDocumentAsync(Guid tenantId, Guid documentId);

    [Alias("ListDocuments")]
    Task<IReadOnlyList<DocumentInfo>> ListDocumentsAsync(Guid tenantId);

    /// <summary>Deletes the document and removes its chunks from search.</summary>
    /// <exception cref="DocumentNotFoundException">The knowledge base has no such document.</exception>
    [Alias("DeleteDocument")]
    Task DeleteDocumentAsync(Guid tenantId, Guid documentId);

    /// <summary>Returns the chunks that best match the query: vector and full-text rankings fused.</summary>
    [Alias("Search")]
    Task<IReadOnlyList<SearchHit>> SearchAsync(Guid tenantId, SearchQuery query);

    /// <summary>Answers a question from the knowledge base's best passages, citing the ones it used.</summary>
    [Alias("Ask")]
    Task<KnowledgeAnswer> AskAsync(Guid tenantId, string question, int topK);
}
