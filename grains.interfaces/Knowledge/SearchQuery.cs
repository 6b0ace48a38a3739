namespace VoiceHelper.Grains.Knowledge;

/// <summary>
/// A search: the query text, how many hits to return, the lowest fused score to keep, and optionally the
/// documents to search in (all when null).
/// </summary>
[GenerateSerializer, Immutable, Alias("VoiceHelper.SearchQuery")]
public sealed record SearchQuery(
    [property: Id(0)] string Query,
    [property: Id(1)] int TopK,
    [property: Id(2)] double MinScore,
    [property: Id(3)] IReadOnlyList<Guid>? DocumentIds);
