namespace VoiceHelper.Client;

/// <summary>One stored message of a conversation.</summary>
/// <param name="Id">The message's id; for an assistant message also the id of the response that produced it.</param>
/// <param name="Sequence">Numbers the messages of a conversation from 1 in the order they were stored.</param>
/// <param name="Role">Who wrote it.</param>
/// <param name="Text">The message's text.</param>
/// <param name="Modality">How it reached the conversation.</param>
/// <param name="Status">How far it got.</param>
/// <param name="Sources">The passages that an assistant message quotes; empty for user messages.</param>
/// <param name="ReplyToId">For an assistant message, the id of the user message it answers.</param>
/// <param name="RetrievalTime">How long retrieval took; null when it did not run.</param>
/// <param name="AnswerTime">How long answering took; null when it did not run.</param>
/// <param name="CreatedAt">When the message was stored.</param>
/// <param name="CompletedAt">When an assistant message stopped streaming; null for user messages and while streaming.</param>
/// <param name="ErrorMessage">Why a failed message failed, for people.</param>
public sealed record Message(
    Guid Id,
    long Sequence,
    MessageRole Role,
    string Text,
    Modality Modality,
    MessageStatus Status,
    IReadOnlyList<Citation> Sources,
    Guid? ReplyToId,
    TimeSpan? RetrievalTime,
    TimeSpan? AnswerTime,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt,
    string? ErrorMessage);
