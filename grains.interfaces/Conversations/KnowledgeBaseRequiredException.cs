namespace VoiceHelper.Grains.Conversations;

/// <summary>
/// A message was sent to a conversation that has no knowledge base to answer from. Setting one, then retrying,
/// succeeds.
/// </summary>
[GenerateSerializer, Alias("VoiceHelper.KnowledgeBaseRequiredException")]
public sealed class KnowledgeBaseRequiredException : Exception
{
    public KnowledgeBaseRequiredException(Guid conversationId)
        : base($"Conversation '{conversationId}' has no knowledge base to answer from. Set knowledge_base_id with " +
            $"PATCH /api/v1/conversations/{conversationId}, or create the conversation with one.")
    {
        ConversationId = conversationId;
    }

    [Id(0)]
    public Guid ConversationId { get; }
}
