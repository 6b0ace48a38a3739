namespace VoiceHelper.Grains.Knowledge;

/// <summary>The knowledge base has no document with the id. Retrying cannot succeed.</summary>
[GenerateSerializer, Alias("VoiceHelper.DocumentNotFoundException")]
public sealed class DocumentNotFoundException : Exception
{
    public DocumentNotFoundException(Guid documentId)
        : base($"Document '{documentId}' was not found in this knowledge base. List its documents to find the id.")
    {
        DocumentId = documentId;
    }

    [Id(0)]
    public Guid DocumentId { get; }
}
