using Microsoft.Extensions.Logging;

namespace VoiceHelper.Grains.Logging;

internal static partial class GrainLog
{
    [LoggerMessage(GrainEventIds.ConversationCreated, LogLevel.Information,
        "Conversation {ConversationId} created for tenant {TenantId}")]
    public static partial void ConversationCreated(ILogger logger, Guid conversationId, Guid tenantId);

    [LoggerMessage(GrainEventIds.MessageStored, LogLevel.Debug,
        "Conversation {ConversationId} stored message {MessageId} and reply {ReplyId}")]
    public static partial void MessageStored(ILogger logger, Guid conversationId, Guid messageId, Guid replyId);

    [LoggerMessage(GrainEventIds.TurnSequenceConflict, LogLevel.Warning,
        "Conversation {ConversationId} lost a race for turn sequence {Sequence} to another activation")]
    public static partial void TurnSequenceConflict(ILogger logger, Guid conversationId, long sequence);
}
