namespace VoiceHelper.Grains.Conversations;

/// <summary>
/// A turn could not be stored because its sequence number was taken, which happens only when two
/// activations of one conversation write at once. Retrying the call can succeed.
/// </summary>
[GenerateSerializer, Alias("VoiceHelper.TurnSequenceConflictException")]
public sealed class TurnSequenceConflictException : Exception
{
    public TurnSequenceConflictException(Guid conversationId, Exception? innerException)
        : base($"Conversation '{conversationId}' was changed by another activation; retry the request.", innerException)
    {
        ConversationId = conversationId;
    }

    [Id(0)]
    public Guid ConversationId { get; }
}
