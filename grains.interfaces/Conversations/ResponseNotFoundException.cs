namespace VoiceHelper.Grains.Conversations;

/// <summary>The conversation has no assistant turn with this id. Retrying cannot succeed.</summary>
[GenerateSerializer, Alias("VoiceHelper.ResponseNotFoundException")]
public sealed class ResponseNotFoundException : Exception
{
    public ResponseNotFoundException(Guid conversationId, Guid responseId)
        : base($"Response '{responseId}' was not found in conversation '{conversationId}'. Use the response id " +
            "returned when the message was sent.")
    {
        ResponseId = responseId;
    }

    [Id(0)]
    public Guid ResponseId { get; }
}
