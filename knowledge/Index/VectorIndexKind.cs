namespace VoiceHelper.Knowledge.Index;

/// <summary>Which implementation of <see cref="IVectorIndex"/> index shards use.</summary>
public enum VectorIndexKind
{
    /// <summary>USearch HNSW: approximate, fast at any size. The default.</summary>
    Hnsw = 0,

    /// <summary>Brute-force exact search: exact results, time grows with the number of vectors.</summary>
    Exact = 1,
}
