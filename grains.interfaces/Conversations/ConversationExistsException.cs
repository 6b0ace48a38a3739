namespace VoiceHelper.Grains.Conversations;

/// <summary>A conversation with the id was already created. Retrying with the same id cannot succeed.</summary>
[GenerateSerializer, Alias("VoiceHelper.ConversationExistsException")]
public sealed class ConversationExistsException : Exception
{
    public ConversationExistsException(Guid conversationId)
        : base($"Conversation '{conversationId}' already exists. Create a conversation with a new id.")
    {
        ConversationId = conversationId;
    }

    [Id(0)]
    public Guid ConversationId { get; }
}
