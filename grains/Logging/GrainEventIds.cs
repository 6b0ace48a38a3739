namespace VoiceHelper.Grains.Logging;

/// <summary>Event ids of the grains' log messages, in ranges per subsystem.</summary>
internal static class GrainEventIds
{
    // 1000-1099: conversations.
    public const int ConversationCreated = 1000;
    public const int MessageStored = 1001;

    // 1100-1199: persistence.
    public const int TurnSequenceConflict = 1100;
}
