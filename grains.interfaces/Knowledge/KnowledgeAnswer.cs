namespace VoiceHelper.Grains.Knowledge;

/// <summary>
/// An answer from a knowledge base. <see cref="Answered"/> is false when the documents did not support one; the
/// text then says so and there are no sources.
/// </summary>
[GenerateSerializer, Immutable, Alias("VoiceHelper.KnowledgeAnswer")]
public sealed record KnowledgeAnswer(
    [property: Id(0)] string Answer,
    [property: Id(1)] bool Answered,
    [property: Id(2)] IReadOnlyList<AnswerCitation> Sources);

/// <summary>A passage that an answer rests on, with the words quoted from it.</summary>
[GenerateSerializer, Immutable, Alias("VoiceHelper.AnswerCitation")]
public sealed record AnswerCitation(
    [property: Id(0)] Guid DocumentId,
    [property: Id(1)] string Title,
    [property: Id(2)] string Heading,
    [property: Id(3)] int? Page,
    [property: Id(4)] string Quote);
