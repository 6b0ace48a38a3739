using Grpc.Core;

namespace VoiceHelper.Gateway.Logging;

internal static partial class GatewayLog
{
    [LoggerMessage(GatewayEventIds.RequestFailed, LogLevel.Error,
        "Request {Method} {Path} failed with status {Status}")]
    public static partial void RequestFailed(ILogger logger, string method, PathString path, int status, Exception exception);

    [LoggerMessage(GatewayEventIds.RpcFailed, LogLevel.Error,
        "gRPC call {Method} failed with status {StatusCode} (trace id {TraceId})")]
    public static partial void RpcFailed(ILogger logger, string method, StatusCode statusCode, string traceId, Exception exception);

    [LoggerMessage(GatewayEventIds.ApiKeyRejected, LogLevel.Information,
        "API key with prefix {KeyPrefix} was rejected: {Reason}")]
    public static partial void ApiKeyRejected(ILogger logger, string keyPrefix, string reason);

    [LoggerMessage(GatewayEventIds.ApiKeyCreated, LogLevel.Information,
        "API key {KeyId} created for tenant {TenantId} (admin: {IsAdmin})")]
    public static partial void ApiKeyCreated(ILogger logger, Guid keyId, Guid tenantId, bool isAdmin);

    [LoggerMessage(GatewayEventIds.ApiKeyRevoked, LogLevel.Information,
        "API key {KeyId} of tenant {TenantId} revoked")]
    public static partial void ApiKeyRevoked(ILogger logger, Guid keyId, Guid tenantId);

    [LoggerMessage(GatewayEventIds.ClusterConnectRetry, LogLevel.Warning,
        "Connecting to the Orleans cluster failed (attempt {Attempt}); retrying in {Delay}")]
    public static partial void ClusterConnectRetry(ILogger logger, int attempt, TimeSpan delay, Exception exception);

    [LoggerMessage(GatewayEventIds.TlsDisabled, LogLevel.Warning,
        "HTTPS is off because Gateway:CertificatePath is not set; official realtime clients need wss://")]
    public static partial void TlsDisabled(ILogger logger);

    [LoggerMessage(GatewayEventIds.WebPageMissing, LogLevel.Warning,
        "The web page is off because its folder {Folder} does not exist; build or publish the gateway project again")]
    public static partial void WebPageMissing(ILogger logger, string folder);

    [LoggerMessage(GatewayEventIds.ChatEndedEarly, LogLevel.Information,
        "Chat call for response {ResponseId} of conversation {ConversationId} ended before the done event; " +
        "cancelling its answer took effect: {Cancelled}")]
    public static partial void ChatEndedEarly(ILogger logger, Guid responseId, Guid conversationId, bool cancelled);

    [LoggerMessage(GatewayEventIds.ChatCancelFailed, LogLevel.Warning,
        "Cancelling response {ResponseId} of conversation {ConversationId} after its Chat call ended failed; " +
        "the answer runs to its end")]
    public static partial void ChatCancelFailed(ILogger logger, Guid responseId, Guid conversationId, Exception exception);

    [LoggerMessage(GatewayEventIds.ChatCompletionAbandoned, LogLevel.Information,
        "Chat completion {ResponseId} of conversation {ConversationId} is cancelled because the client disconnected")]
    public static partial void ChatCompletionAbandoned(ILogger logger, Guid responseId, Guid conversationId);

    [LoggerMessage(GatewayEventIds.ChatCompletionCancelFailed, LogLevel.Warning,
        "Cancelling chat completion {ResponseId} of conversation {ConversationId} failed; the answer runs to its end")]
    public static partial void ChatCompletionCancelFailed(
        ILogger logger, Guid responseId, Guid conversationId, Exception exception);

    [LoggerMessage(GatewayEventIds.ChatCompletionStreamFailed, LogLevel.Error,
        "Streaming chat completion {ResponseId} of conversation {ConversationId} failed after the response started " +
        "(trace id {TraceId}); the client got an error event")]
    public static partial void ChatCompletionStreamFailed(
        ILogger logger, Guid responseId, Guid conversationId, string traceId, Exception exception);

    [LoggerMessage(GatewayEventIds.ResponseStreamFailed, LogLevel.Warning,
        "The event stream of response {ResponseId} in conversation {ConversationId} ended with error {Code} (status {Status})")]
    public static partial void ResponseStreamFailed(
        ILogger logger, Guid responseId, Guid conversationId, string code, int status, Exception exception);

    [LoggerMessage(GatewayEventIds.ResponseCancelledOnDisconnect, LogLevel.Information,
        "The client of response {ResponseId} in conversation {ConversationId} disconnected; cancelled: {Cancelled}")]
    public static partial void ResponseCancelledOnDisconnect(ILogger logger, Guid responseId, Guid conversationId, bool cancelled);

    [LoggerMessage(GatewayEventIds.ResponseCancelOnDisconnectFailed, LogLevel.Warning,
        "Cancelling response {ResponseId} in conversation {ConversationId} after its client disconnected failed")]
    public static partial void ResponseCancelOnDisconnectFailed(
        ILogger logger, Guid responseId, Guid conversationId, Exception exception);

    [LoggerMessage(GatewayEventIds.RealtimeConnectionLost, LogLevel.Information,
        "Realtime connection {ConnectionId} of conversation {ConversationId} ended: {Reason}")]
    public static partial void RealtimeConnectionLost(ILogger logger, Guid conversationId, Guid connectionId, string reason);

    [LoggerMessage(GatewayEventIds.RealtimeSessionFailed, LogLevel.Warning,
        "Realtime connection {ConnectionId} of conversation {ConversationId} is closed because its voice session failed")]
    public static partial void RealtimeSessionFailed(ILogger logger, Guid conversationId, Guid connectionId, Exception exception);
}
