namespace VoiceHelper.Grains.Conversations;

/// <summary>
/// No conversation with the id belongs to the calling tenant. The message never says whether the id exists
/// for another tenant. Retrying cannot succeed.
/// </summary>
[GenerateSerializer, Alias("VoiceHelper.ConversationNotFoundException")]
public sealed class ConversationNotFoundException : Exception
{
    public ConversationNotFoundException(Guid conversationId)
        : base($"Conversation '{conversationId}' was not found. Create one with POST /api/v1/conversations.")
    {
        ConversationId = conversationId;
    }

    [Id(0)]
    public Guid ConversationId { get; }
}
