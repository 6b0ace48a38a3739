namespace VoiceHelper.Grains.Knowledge;

/// <summary>
/// One retrieved chunk with its source. <see cref="Score"/> is the reciprocal rank fusion score of the vector
/// and full-text rankings, normalized so that rank 1 in both rankings scores 1.
/// </summary>
[GenerateSerializer, Immutable, Alias("VoiceHelper.SearchHit")]
public sealed record SearchHit(
    [property: Id(0)] long ChunkId,
    [property: Id(1)] Guid DocumentId,
    [property: Id(2)] string Title,
    [property: Id(3)] string Heading,
    [property: Id(4)] int? Page,
    [property: Id(5)] string Text,
    [property: Id(6)] double Score);
