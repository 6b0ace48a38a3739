using VoiceHelper.Grains.Knowledge;

namespace VoiceHelper.Grains.Voice;

/// <summary>
/// One server event of a voice session, numbered from 1 by <see cref="Sequence"/> (the <c>voicehelper_seq</c> that
/// clients resume after). Each maps to one OpenAI Realtime event; the fields that a kind does not use are null.
/// </summary>
[GenerateSerializer, Immutable, Alias("VoiceHelper.VoiceEvent")]
public sealed record VoiceEvent(
    [property: Id(0)] long Sequence,
    [property: Id(1)] VoiceEventKind Kind)
{
    /// <summary>The user or assistant item the event is about.</summary>
    [Id(2)]
    public string? ItemId { get; init; }

    /// <summary>The item before <see cref="ItemId"/> in the conversation, for added and committed items.</summary>
    [Id(3)]
    public string? PreviousItemId { get; init; }

    /// <summary>The response the event belongs to.</summary>
    [Id(4)]
    public string? ResponseId { get; init; }

    /// <summary>A transcript, a transcript delta or the text of a user item.</summary>
    [Id(5)]
    public string? Text { get; init; }

    /// <summary>Audio in the session's output format, for <see cref="VoiceEventKind.AudioDelta"/>.</summary>
    [Id(6)]
    public byte[]? Audio { get; init; }

    /// <summary>A position in milliseconds: of the input stream for VAD events, of the item's audio for truncation.</summary>
    [Id(7)]
    public long? AudioMs { get; init; }

    /// <summary>The session's settings, for session events.</summary>
    [Id(8)]
    public VoiceSessionConfig? Session { get; init; }

    /// <summary>The passages the heard answer cites, for <see cref="VoiceEventKind.ResponseDone"/>.</summary>
    [Id(9)]
    public IReadOnlyList<AnswerCitation>? Sources { get; init; }

    /// <summary>The conversation turn that stores the item, for user and assistant items and responses.</summary>
    [Id(10)]
    public Guid? TurnId { get; init; }

    /// <summary>How a response or item ended.</summary>
    [Id(11)]
    public VoiceResponseStatus? Status { get; init; }

    /// <summary>Why a response was cancelled or failed, such as <c>turn_detected</c> or <c>client_cancelled</c>.</summary>
    [Id(12)]
    public string? Reason { get; init; }

    /// <summary>The problem, for <see cref="VoiceEventKind.Error"/>.</summary>
    [Id(13)]
    public VoiceError? Error { get; init; }

    /// <summary>The conversation of the session, for session events.</summary>
    [Id(14)]
    public Guid? ConversationId { get; init; }

    /// <summary>The role of an item: <c>user</c> or <c>assistant</c>.</summary>
    [Id(15)]
    public string? Role { get; init; }

    /// <summary>Audio seconds of the response: spoken for <see cref="VoiceEventKind.ResponseDone"/>.</summary>
    [Id(16)]
    public double? AudioSeconds { get; init; }

    /// <summary>Whether a user item is a typed message (<c>input_text</c>) rather than speech.</summary>
    [Id(17)]
    public bool IsTypedText { get; init; }
}

/// <summary>The kind of a <see cref="VoiceEvent"/>, named after the GA OpenAI Realtime event it becomes.</summary>
[GenerateSerializer, Alias("VoiceHelper.VoiceEventKind")]
public enum VoiceEventKind
{
    /// <summary><c>session.created</c>.</summary>
    SessionCreated = 0,

    /// <summary><c>session.updated</c>.</summary>
    SessionUpdated = 1,

    /// <summary><c>input_audio_buffer.speech_started</c>.</summary>
    SpeechStarted = 2,

    /// <summary><c>input_audio_buffer.speech_stopped</c>.</summary>
    SpeechStopped = 3,

    /// <summary><c>input_audio_buffer.committed</c>.</summary>
    AudioCommitted = 4,

    /// <summary><c>input_audio_buffer.cleared</c>.</summary>
    AudioCleared = 5,

    /// <summary><c>conversation.item.added</c> (beta <c>conversation.item.created</c>).</summary>
    ItemAdded = 6,

    /// <summary><c>conversation.item.done</c>.</summary>
    ItemDone = 7,

    /// <summary><c>conversation.item.input_audio_transcription.delta</c>.</summary>
    TranscriptionDelta = 8,

    /// <summary><c>conversation.item.input_audio_transcription.completed</c>.</summary>
    TranscriptionCompleted = 9,

    /// <summary><c>response.created</c>.</summary>
    ResponseCreated = 10,

    /// <summary><c>response.output_item.added</c>.</summary>
    OutputItemAdded = 11,

    /// <summary><c>response.content_part.added</c>.</summary>
    ContentPartAdded = 12,

    /// <summary><c>response.output_audio_transcript.delta</c> (beta <c>response.audio_transcript.delta</c>).</summary>
    TranscriptDelta = 13,

    /// <summary><c>response.output_audio.delta</c> (beta <c>response.audio.delta</c>).</summary>
    AudioDelta = 14,

    /// <summary><c>response.output_audio.done</c>.</summary>
    AudioDone = 15,

    /// <summary><c>response.output_audio_transcript.done</c>.</summary>
    TranscriptDone = 16,

    /// <summary><c>response.content_part.done</c>.</summary>
    ContentPartDone = 17,

    /// <summary><c>response.output_item.done</c>.</summary>
    OutputItemDone = 18,

    /// <summary><c>response.done</c>.</summary>
    ResponseDone = 19,

    /// <summary><c>conversation.item.truncated</c>.</summary>
    ItemTruncated = 20,

    /// <summary><c>error</c>.</summary>
    Error = 21,
}

/// <summary>How a response ended, as <c>response.done</c> reports it.</summary>
[GenerateSerializer, Alias("VoiceHelper.VoiceResponseStatus")]
public enum VoiceResponseStatus
{
    InProgress = 0,
    Completed = 1,
    Cancelled = 2,
    Failed = 3,
}
