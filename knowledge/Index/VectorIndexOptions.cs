namespace VoiceHelper.Knowledge.Index;

/// <summary>The vector index of knowledge base shards, read from the <c>Knowledge:Index</c> configuration section.</summary>
public sealed class VectorIndexOptions
{
    public const string SectionName = "Knowledge:Index";

    /// <summary>The implementation. Default <see cref="VectorIndexKind.Hnsw"/>.</summary>
    public VectorIndexKind Kind { get; set; } = VectorIndexKind.Hnsw;

    /// <summary>The HNSW settings, used when <see cref="Kind"/> is <see cref="VectorIndexKind.Hnsw"/>.</summary>
    public UsearchIndexOptions Hnsw { get; set; } = new();
}
