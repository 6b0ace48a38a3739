namespace VoiceHelper.Gateway.Logging;

/// <summary>Event ids of the gateway's log messages, in ranges per subsystem.</summary>
internal static class GatewayEventIds
{
    // 2000-2099: requests.
    public const int RequestFailed = 2000;
    public const int RpcFailed = 2001;

    // 2100-2199: authentication and keys.
    public const int ApiKeyRejected = 2100;
    public const int ApiKeyCreated = 2101;
    public const int ApiKeyRevoked = 2102;

    // 2200-2299: cluster connection and hosting.
    public const int ClusterConnectRetry = 2200;
    public const int TlsDisabled = 2201;
    public const int WebPageMissing = 2202;

    // 2300-2399: conversations over gRPC.
    public const int ChatEndedEarly = 2300;
    public const int ChatCancelFailed = 2301;

    // 2400-2499: the OpenAI-compatible API.
    public const int ChatCompletionAbandoned = 2400;
    public const int ChatCompletionCancelFailed = 2401;
    public const int ChatCompletionStreamFailed = 2402;

    // 2500-2599: conversation responses streamed over REST and SSE.
    public const int ResponseStreamFailed = 2500;
    public const int ResponseCancelledOnDisconnect = 2501;
    public const int ResponseCancelOnDisconnectFailed = 2502;

    // 2600-2699: realtime voice connections.
    public const int RealtimeConnectionLost = 2600;
    public const int RealtimeSessionFailed = 2601;
}
