namespace VoiceHelper.Grains.Knowledge;

/// <summary>A chunk id found by an index shard and its cosine similarity to the query.</summary>
[GenerateSerializer, Immutable, Alias("VoiceHelper.ShardMatch")]
public readonly record struct ShardMatch([property: Id(0)] long ChunkId, [property: Id(1)] float Similarity);
