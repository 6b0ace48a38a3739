using VoiceHelper.Grains.Knowledge;

namespace VoiceHelper.Grains.Conversations;

/// <summary>
/// One stored message of a conversation. <see cref="Sequence"/> numbers the turns of a conversation from 1 in the
/// order they were stored. An assistant turn names the user turn it answers in <see cref="ReplyTo"/>, cites
/// <see cref="Sources"/>, and records how long retrieval and answering took, in milliseconds.
/// </summary>
[GenerateSerializer, Immutable, Alias("VoiceHelper.Turn")]
public sealed record Turn(
    [property: Id(0)] Guid Id,
    [property: Id(1)] long Sequence,
    [property: Id(2)] TurnRole Role,
    [property: Id(3)] string Text,
    [property: Id(4)] TurnModality Modality,
    [property: Id(5)] DateTimeOffset CreatedAt)
{
    [Id(6)]
    public TurnStatus Status { get; init; } = TurnStatus.Completed;

    [Id(7)]
    public IReadOnlyList<AnswerCitation> Sources { get; init; } = [];

    [Id(8)]
    public Guid? ReplyTo { get; init; }

    [Id(9)]
    public int? RetrievalMs { get; init; }

    [Id(10)]
    public int? AnswerMs { get; init; }

    [Id(11)]
    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>Why a failed turn failed, for people; null otherwise.</summary>
    [Id(12)]
    public string? Error { get; init; }
}
