namespace VoiceHelper.Grains.Conversations;

/// <summary>
/// A user turn with the same idempotency key was stored by another activation of the conversation at the same
/// time. Retrying the call returns that turn.
/// </summary>
[GenerateSerializer, Alias("VoiceHelper.IdempotencyKeyConflictException")]
public sealed class IdempotencyKeyConflictException : Exception
{
    public IdempotencyKeyConflictException(Guid conversationId, Exception? innerException)
        : base($"A message with the same Idempotency-Key was stored in conversation '{conversationId}' at the same " +
            "time; retry the request to get it.", innerException)
    {
        ConversationId = conversationId;
    }

    [Id(0)]
    public Guid ConversationId { get; }
}
