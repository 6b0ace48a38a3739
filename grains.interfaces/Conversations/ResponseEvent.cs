using VoiceHelper.Grains.Knowledge;

namespace VoiceHelper.Grains.Conversations;

/// <summary>
/// One event of a streamed answer. Sequences count from 1 within a response, so a reader that got event n
/// resumes after n. A response is zero or more <see cref="ResponseEventKind.Delta"/> events, one
/// <see cref="ResponseEventKind.Sources"/> event, then one <see cref="ResponseEventKind.Done"/> event that carries
/// the stored assistant turn, whose status tells whether it completed, was cancelled or failed.
/// </summary>
[GenerateSerializer, Immutable, Alias("VoiceHelper.ResponseEvent")]
public sealed record ResponseEvent(
    [property: Id(0)] long Sequence,
    [property: Id(1)] ResponseEventKind Kind,
    [property: Id(2)] string? Delta = null,
    [property: Id(3)] IReadOnlyList<AnswerCitation>? Sources = null,
    [property: Id(4)] Turn? Turn = null);

/// <summary>The kind of a <see cref="ResponseEvent"/>.</summary>
[GenerateSerializer, Alias("VoiceHelper.ResponseEventKind")]
public enum ResponseEventKind
{
    /// <summary>The next piece of the answer's text.</summary>
    Delta = 0,

    /// <summary>The passages that the answer cites.</summary>
    Sources = 1,

    /// <summary>The last event: the stored assistant turn.</summary>
    Done = 2,
}
