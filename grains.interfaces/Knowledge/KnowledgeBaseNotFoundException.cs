namespace VoiceHelper.Grains.Knowledge;

/// <summary>No knowledge base with the id belongs to the calling tenant. Retrying cannot succeed.</summary>
[GenerateSerializer, Alias("VoiceHelper.KnowledgeBaseNotFoundException")]
public sealed class KnowledgeBaseNotFoundException : Exception
{
    public KnowledgeBaseNotFoundException(Guid knowledgeBaseId)
        : base($"Knowledge base '{knowledgeBaseId}' was not found. List knowledge bases with GET /api/v1/knowledge-bases.")
    {
        KnowledgeBaseId = knowledgeBaseId;
    }

    [Id(0)]
    public Guid KnowledgeBaseId { get; }
}
