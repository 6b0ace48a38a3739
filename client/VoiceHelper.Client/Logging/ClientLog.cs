using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace VoiceHelper.Client.Logging;

/// <summary>The SDK's log messages. They never contain the API key or message text.</summary>
internal static partial class ClientLog
{
    [LoggerMessage(ClientEventIds.CallRetrying, LogLevel.Warning,
        "Call {Method} failed with status {StatusCode} (code {ErrorCode}); retry {Attempt} in {Delay}")]
    public static partial void CallRetrying(
        ILogger logger, string method, StatusCode statusCode, string? errorCode, int attempt, TimeSpan delay, Exception exception);

    [LoggerMessage(ClientEventIds.ChatResuming, LogLevel.Warning,
        "Answer stream of response {ResponseId} in conversation {ConversationId} broke with status {StatusCode} after " +
        "sequence {Sequence}; resuming in {Delay}")]
    public static partial void ChatResuming(
        ILogger logger, string responseId, Guid conversationId, StatusCode statusCode, long sequence, TimeSpan delay,
        Exception exception);

    [LoggerMessage(ClientEventIds.VoiceSessionOpened, LogLevel.Debug,
        "Voice session opened for conversation {ConversationId}, resuming after sequence {ResumeAfter}")]
    public static partial void VoiceSessionOpened(ILogger logger, Guid? conversationId, long? resumeAfter);

    [LoggerMessage(ClientEventIds.VoiceSessionClosed, LogLevel.Debug,
        "Voice session of conversation {ConversationId} closed after sequence {Sequence}")]
    public static partial void VoiceSessionClosed(ILogger logger, Guid? conversationId, long sequence);

    [LoggerMessage(ClientEventIds.VoiceSessionCloseFailed, LogLevel.Warning,
        "Closing the voice session of conversation {ConversationId} failed")]
    public static partial void VoiceSessionCloseFailed(ILogger logger, Guid? conversationId, Exception exception);

    [LoggerMessage(ClientEventIds.VoiceEventUnreadable, LogLevel.Warning,
        "Voice event {EventType} with sequence {Sequence} in conversation {ConversationId} has an unexpected shape; " +
        "it is passed on as OtherVoiceEvent")]
    public static partial void VoiceEventUnreadable(
        ILogger logger, string eventType, long sequence, Guid? conversationId, Exception exception);
}
