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

    [LoggerMessage(GrainEventIds.ResponseCompleted, LogLevel.Debug,
        "Conversation {ConversationId} answered with turn {TurnId}: retrieval {RetrievalMs} ms, answer {AnswerMs} ms")]
    public static partial void ResponseCompleted(ILogger logger, Guid conversationId, Guid turnId, int retrievalMs, int answerMs);

    [LoggerMessage(GrainEventIds.ResponseCancelled, LogLevel.Information,
        "Conversation {ConversationId} cancelled response {TurnId} after {Characters} characters")]
    public static partial void ResponseCancelled(ILogger logger, Guid conversationId, Guid turnId, int characters);

    [LoggerMessage(GrainEventIds.ResponseFailed, LogLevel.Error,
        "Conversation {ConversationId} failed to answer with turn {TurnId}")]
    public static partial void ResponseFailed(ILogger logger, Guid conversationId, Guid turnId, Exception exception);

    [LoggerMessage(GrainEventIds.ResponseNotStored, LogLevel.Error,
        "Conversation {ConversationId} could not store how response {TurnId} ended; it stays streaming until the next activation marks it failed")]
    public static partial void ResponseNotStored(ILogger logger, Guid conversationId, Guid turnId, Exception exception);

    [LoggerMessage(GrainEventIds.InterruptedResponsesFailed, LogLevel.Warning,
        "Conversation {ConversationId} marked {Count} responses failed that an earlier activation left unfinished")]
    public static partial void InterruptedResponsesFailed(ILogger logger, Guid conversationId, int count);

    [LoggerMessage(GrainEventIds.ConversationDeleted, LogLevel.Information,
        "Conversation {ConversationId} of tenant {TenantId} deleted")]
    public static partial void ConversationDeleted(ILogger logger, Guid conversationId, Guid tenantId);

    [LoggerMessage(GrainEventIds.MessageReplayed, LogLevel.Information,
        "Conversation {ConversationId} returned stored message {MessageId} for a repeated idempotency key")]
    public static partial void MessageReplayed(ILogger logger, Guid conversationId, Guid messageId);

    [LoggerMessage(GrainEventIds.TurnSequenceConflict, LogLevel.Warning,
        "Conversation {ConversationId} lost a race for turn sequence {Sequence} to another activation")]
    public static partial void TurnSequenceConflict(ILogger logger, Guid conversationId, long sequence);

    [LoggerMessage(GrainEventIds.KnowledgeBaseCreated, LogLevel.Information,
        "Knowledge base {KnowledgeBaseId} created for tenant {TenantId}")]
    public static partial void KnowledgeBaseCreated(ILogger logger, Guid knowledgeBaseId, Guid tenantId);

    [LoggerMessage(GrainEventIds.KnowledgeBaseDeleted, LogLevel.Information,
        "Knowledge base {KnowledgeBaseId} of tenant {TenantId} deleted")]
    public static partial void KnowledgeBaseDeleted(ILogger logger, Guid knowledgeBaseId, Guid tenantId);

    [LoggerMessage(GrainEventIds.DocumentUploaded, LogLevel.Information,
        "Knowledge base {KnowledgeBaseId} received document {DocumentId} (new: {Created})")]
    public static partial void DocumentUploaded(ILogger logger, Guid knowledgeBaseId, Guid documentId, bool created);

    [LoggerMessage(GrainEventIds.DocumentDeleted, LogLevel.Information,
        "Knowledge base {KnowledgeBaseId} deleted document {DocumentId} with {ChunkCount} chunks")]
    public static partial void DocumentDeleted(ILogger logger, Guid knowledgeBaseId, Guid documentId, int chunkCount);

    [LoggerMessage(GrainEventIds.DocumentReplaced, LogLevel.Information,
        "Document {DocumentId} was replaced by its new version {NewDocumentId}")]
    public static partial void DocumentReplaced(ILogger logger, Guid documentId, Guid newDocumentId);

    [LoggerMessage(GrainEventIds.IngestionStarted, LogLevel.Information,
        "Ingestion of document {DocumentId} in knowledge base {KnowledgeBaseId} started")]
    public static partial void IngestionStarted(ILogger logger, Guid documentId, Guid knowledgeBaseId);

    [LoggerMessage(GrainEventIds.IngestionFinished, LogLevel.Information,
        "Ingestion of document {DocumentId} finished: {ChunkCount} chunks, parsed in {ParseMs} ms, embedded in {EmbedMs} ms")]
    public static partial void IngestionFinished(ILogger logger, Guid documentId, int chunkCount, int parseMs, int embedMs);

    [LoggerMessage(GrainEventIds.IngestionRejected, LogLevel.Information,
        "Document {DocumentId} was rejected ({Code}): {Reason}")]
    public static partial void IngestionRejected(ILogger logger, Guid documentId, string code, string reason);

    [LoggerMessage(GrainEventIds.IngestionCancelled, LogLevel.Information,
        "Ingestion of document {DocumentId} was cancelled because the document is being deleted")]
    public static partial void IngestionCancelled(ILogger logger, Guid documentId);

    [LoggerMessage(GrainEventIds.IngestionFailed, LogLevel.Error, "Ingestion of document {DocumentId} failed")]
    public static partial void IngestionFailed(ILogger logger, Guid documentId, Exception exception);

    [LoggerMessage(GrainEventIds.IngestionSuperseded, LogLevel.Warning,
        "Attempt {Attempt} to ingest document {DocumentId} failed after attempt {Latest} began elsewhere, so it " +
        "leaves the document's status to that attempt")]
    public static partial void IngestionSuperseded(ILogger logger, Guid documentId, int attempt, int latest, Exception exception);

    [LoggerMessage(GrainEventIds.IngestionResumed, LogLevel.Information,
        "Resuming {Count} unfinished document ingestions after start")]
    public static partial void IngestionResumed(ILogger logger, int count);

    [LoggerMessage(GrainEventIds.IndexShardLoaded, LogLevel.Information, "Index shard {ShardKey} loaded {Count} vectors")]
    public static partial void IndexShardLoaded(ILogger logger, string shardKey, int count);

    [LoggerMessage(GrainEventIds.EmbeddingRetried, LogLevel.Warning,
        "Embedding a batch of document {DocumentId} timed out or found its silo unavailable (attempt {Attempt}); retrying")]
    public static partial void EmbeddingRetried(ILogger logger, Guid documentId, int attempt, Exception exception);

    [LoggerMessage(GrainEventIds.IngestionAbandoned, LogLevel.Error,
        "Ingestion of document {DocumentId} was interrupted {Attempts} times and is abandoned")]
    public static partial void IngestionAbandoned(ILogger logger, Guid documentId, int attempts);

    [LoggerMessage(GrainEventIds.PlacedOnAccelerator, LogLevel.Debug,
        "Placed inference grain {GrainId} on accelerator silo {Silo}")]
    public static partial void PlacedOnAccelerator(ILogger logger, GrainId grainId, SiloAddress silo);

    [LoggerMessage(GrainEventIds.NoAcceleratorFallback, LogLevel.Warning,
        "No active silo advertises an accelerator, so {GrainType} activations run on CPU silos until one joins. Set " +
        "Silo:Accelerator:DeviceCount on GPU silos, or Inference:Placement:WhenNoAccelerator=Fail to fail these calls")]
    public static partial void NoAcceleratorFallback(ILogger logger, string grainType);

    [LoggerMessage(GrainEventIds.NoAcceleratorRejecting, LogLevel.Warning,
        "No active silo advertises an accelerator, so calls that need a new {GrainType} activation fail until one " +
        "joins (Inference:Placement:WhenNoAccelerator=Fail)")]
    public static partial void NoAcceleratorRejecting(ILogger logger, string grainType);

    [LoggerMessage(GrainEventIds.AcceleratorSiloAvailable, LogLevel.Information,
        "An accelerator silo is active again, so new {GrainType} activations go there")]
    public static partial void AcceleratorSiloAvailable(ILogger logger, string grainType);

    [LoggerMessage(GrainEventIds.ReturningToAccelerator, LogLevel.Information,
        "Inference grain {GrainId} on CPU silo {Silo} migrates to an accelerator silo")]
    public static partial void ReturningToAccelerator(ILogger logger, GrainId grainId, SiloAddress silo);

    [LoggerMessage(GrainEventIds.ActivationCountsUnavailable, LogLevel.Warning,
        "Reading the {GrainType} activation counts of {SiloCount} silos failed, so placements use the counts they have")]
    public static partial void ActivationCountsUnavailable(ILogger logger, string grainType, int siloCount, Exception exception);

    [LoggerMessage(GrainEventIds.EmbeddingBusyRetried, LogLevel.Debug,
        "Embedding a batch of document {DocumentId} was rejected because the model is busy (attempt {Attempt}); retrying in {RetryAfterMs} ms")]
    public static partial void EmbeddingBusyRetried(ILogger logger, Guid documentId, int attempt, int retryAfterMs);
    [LoggerMessage(GrainEventIds.SpeechEngineFailed, LogLevel.Warning,
        "Speech engine {Engine} failed for tenant {TenantId}, transient: {IsTransient}")]
    public static partial void SpeechEngineFailed(ILogger logger, string engine, Guid tenantId, bool isTransient, Exception exception);

    [LoggerMessage(GrainEventIds.SpeechUsageNotStored, LogLevel.Error,
        "Could not add {SecondsIn} s of audio in and {SecondsOut} s out to the usage of tenant {TenantId}")]
    public static partial void SpeechUsageNotStored(
        ILogger logger, Guid tenantId, double secondsIn, double secondsOut, Exception exception);

    [LoggerMessage(GrainEventIds.SpeechEngineMissing, LogLevel.Warning,
        "A speech engine cannot start, so speech requests will fail until it is fixed: {Problem}")]
    public static partial void SpeechEngineMissing(ILogger logger, string problem);

    [LoggerMessage(GrainEventIds.ResponseTruncated, LogLevel.Information,
        "Response {TurnId} of conversation {ConversationId} truncated from {OriginalCharacters} to {HeardCharacters} characters")]
    public static partial void ResponseTruncated(
        ILogger logger, Guid conversationId, Guid turnId, int originalCharacters, int heardCharacters);

    [LoggerMessage(GrainEventIds.VoiceConnected, LogLevel.Information,
        "Voice connection {ConnectionId} attached to conversation {ConversationId} (resumed: {Resumed})")]
    public static partial void VoiceConnected(ILogger logger, Guid conversationId, Guid connectionId, bool resumed);

    [LoggerMessage(GrainEventIds.VoiceDisconnected, LogLevel.Information,
        "Voice connection {ConnectionId} of conversation {ConversationId} ended; the session waits {Window} for a reconnect")]
    public static partial void VoiceDisconnected(ILogger logger, Guid conversationId, Guid connectionId, TimeSpan window);

    [LoggerMessage(GrainEventIds.VoiceSessionEnded, LogLevel.Information,
        "Voice session of conversation {ConversationId} ended after no client reconnected")]
    public static partial void VoiceSessionEnded(ILogger logger, Guid conversationId);

    [LoggerMessage(GrainEventIds.VoiceTurnFailed, LogLevel.Warning,
        "Recognizing user item {ItemId} of conversation {ConversationId} failed")]
    public static partial void VoiceTurnFailed(ILogger logger, Guid conversationId, string itemId, Exception exception);

    [LoggerMessage(GrainEventIds.VoiceResponseFailed, LogLevel.Warning,
        "Voice response {ResponseId} of conversation {ConversationId} failed")]
    public static partial void VoiceResponseFailed(ILogger logger, Guid conversationId, string responseId, Exception exception);

    [LoggerMessage(GrainEventIds.VoiceBargeIn, LogLevel.Information,
        "Speech interrupted response {ResponseId} of conversation {ConversationId} at {PlayedMs} ms of its audio; outcome: {Outcome}")]
    public static partial void VoiceBargeIn(ILogger logger, Guid conversationId, string responseId, long playedMs, string outcome);

    [LoggerMessage(GrainEventIds.VoiceClientTooSlow, LogLevel.Warning,
        "Voice connection {ConnectionId} of conversation {ConversationId} is closed: {Pending} events wait unread")]
    public static partial void VoiceClientTooSlow(ILogger logger, Guid conversationId, Guid connectionId, int pending);

    [LoggerMessage(GrainEventIds.VoiceAudioNotKept, LogLevel.Warning,
        "Storing the audio of user turn {TurnId} of conversation {ConversationId} failed; the turn is kept without it (Voice:KeepUserAudio)")]
    public static partial void VoiceAudioNotKept(ILogger logger, Guid conversationId, Guid turnId, Exception exception);

    [LoggerMessage(GrainEventIds.RetentionRunStarted, LogLevel.Debug,
        "Retention run started: usage events older than {UsageEvents}, conversations deleted more than {DeletedConversations} ago, voice audio older than {RawAudio}")]
    public static partial void RetentionRunStarted(
        ILogger logger, TimeSpan usageEvents, TimeSpan deletedConversations, TimeSpan rawAudio);

    [LoggerMessage(GrainEventIds.RetentionRunCompleted, LogLevel.Information,
        "Retention run deleted {UsageEvents} usage events, {Conversations} deleted conversations with {Turns} turns, and {VoiceAudio} voice audio rows in {ElapsedMs} ms")]
    public static partial void RetentionRunCompleted(
        ILogger logger, long usageEvents, long conversations, long turns, long voiceAudio, long elapsedMs);

    [LoggerMessage(GrainEventIds.RetentionRunFailed, LogLevel.Error,
        "Retention run failed after {ElapsedMs} ms; rows of the batches before the failure stay deleted")]
    public static partial void RetentionRunFailed(ILogger logger, long elapsedMs, Exception exception);

    [LoggerMessage(GrainEventIds.RetentionScheduled, LogLevel.Information,
        "Retention job scheduled on this silo: next run in {DueTime}, then every {Interval}")]
    public static partial void RetentionScheduled(ILogger logger, TimeSpan dueTime, TimeSpan interval);

    [LoggerMessage(GrainEventIds.RetentionDisabled, LogLevel.Information,
        "Retention job not scheduled because Retention:Enabled is false")]
    public static partial void RetentionDisabled(ILogger logger);

    [LoggerMessage(GrainEventIds.RetentionGrainUnreachable, LogLevel.Warning,
        "Could not reach the retention grain; retrying in {RetryAfter}")]
    public static partial void RetentionGrainUnreachable(ILogger logger, TimeSpan retryAfter, Exception exception);
}
