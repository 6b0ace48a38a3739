namespace VoiceHelper.Grains.Logging;

/// <summary>Event ids of the grains' log messages, in ranges per subsystem.</summary>
internal static class GrainEventIds
{
    // 1000-1099: conversations.
    public const int ConversationCreated = 1000;
    public const int MessageStored = 1001;
    public const int ResponseCompleted = 1002;
    public const int ResponseCancelled = 1003;
    public const int ResponseFailed = 1004;
    public const int ResponseNotStored = 1005;
    public const int InterruptedResponsesFailed = 1006;
    public const int ConversationDeleted = 1007;
    public const int MessageReplayed = 1008;
    public const int ResponseTruncated = 1009;

    // 1200-1299: knowledge bases and retrieval.
    public const int KnowledgeBaseCreated = 1200;
    public const int KnowledgeBaseDeleted = 1201;
    public const int DocumentUploaded = 1202;
    public const int DocumentDeleted = 1203;
    public const int DocumentReplaced = 1204;
    public const int IngestionStarted = 1210;
    public const int IngestionFinished = 1211;
    public const int IngestionRejected = 1212;
    public const int IngestionFailed = 1213;
    public const int IngestionResumed = 1214;
    public const int EmbeddingRetried = 1215;
    public const int IngestionAbandoned = 1216;
    public const int IngestionCancelled = 1217;
    public const int IndexShardLoaded = 1220;
    public const int IngestionSuperseded = 1221;

    // 1300-1399: inference grains and their placement.
    public const int PlacedOnAccelerator = 1300;
    public const int NoAcceleratorFallback = 1301;
    public const int NoAcceleratorRejecting = 1302;
    public const int AcceleratorSiloAvailable = 1303;
    public const int ReturningToAccelerator = 1304;
    public const int ActivationCountsUnavailable = 1305;
    public const int EmbeddingBusyRetried = 1306;

    // 1400-1499: speech.
    public const int SpeechEngineFailed = 1400;
    public const int SpeechUsageNotStored = 1401;
    public const int SpeechEngineMissing = 1402;

    // 1500-1599: realtime voice sessions.
    public const int VoiceConnected = 1500;
    public const int VoiceDisconnected = 1501;
    public const int VoiceSessionEnded = 1502;
    public const int VoiceTurnFailed = 1503;
    public const int VoiceResponseFailed = 1504;
    public const int VoiceBargeIn = 1505;
    public const int VoiceClientTooSlow = 1506;
    public const int VoiceAudioNotKept = 1507;

    // 1600-1699: the retention job.
    public const int RetentionRunStarted = 1600;
    public const int RetentionRunCompleted = 1601;
    public const int RetentionRunFailed = 1602;
    public const int RetentionScheduled = 1603;
    public const int RetentionDisabled = 1604;
    public const int RetentionGrainUnreachable = 1605;

    // 1100-1199: persistence.
    public const int TurnSequenceConflict = 1100;
}
