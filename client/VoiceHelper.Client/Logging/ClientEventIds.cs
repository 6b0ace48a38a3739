namespace VoiceHelper.Client.Logging;

/// <summary>Event ids of the SDK's log messages, in the range 9000 to 9099 so they do not collide with the service's.</summary>
internal static class ClientEventIds
{
    public const int CallRetrying = 9001;
    public const int ChatResuming = 9002;
    public const int VoiceSessionOpened = 9003;
    public const int VoiceSessionClosed = 9004;
    public const int VoiceSessionCloseFailed = 9005;
    public const int VoiceEventUnreadable = 9006;
}
