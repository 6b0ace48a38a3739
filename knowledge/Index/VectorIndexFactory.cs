namespace VoiceHelper.Knowledge.Index;

/// <summary>Creates the configured kind of vector index.</summary>
public sealed class VectorIndexFactory(VectorIndexOptions options) : IVectorIndexFactory
{
    public IVectorIndex Create() => options.Kind switch
    {
        VectorIndexKind.Hnsw => new UsearchVectorIndex(options.Hnsw),
        VectorIndexKind.Exact => new ExactVectorIndex(options.Hnsw.Dimensions),
        _ => throw new InvalidOperationException(
            $"Knowledge:Index:Kind '{options.Kind}' is unknown; use Hnsw or Exact."),
    };
}
