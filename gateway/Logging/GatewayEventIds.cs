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

    // 2200-2299: cluster connection.
    public const int ClusterConnectRetry = 2200;
    public const int TlsDisabled = 2201;

    // 2300-2399: conversation responses streamed to clients.
    public const int ResponseStreamFailed = 2300;
    public const int ResponseCancelledOnDisconnect = 2301;
    public const int ResponseCancelOnDisconnectFailed = 2302;
}
