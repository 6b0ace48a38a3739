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
}
