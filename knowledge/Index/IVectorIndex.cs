namespace VoiceHelper.Knowledge.Index;

/// <summary>
/// A nearest-neighbour index of unit-length vectors keyed by chunk id, ranked by cosine similarity.
/// Implementations are safe for concurrent searches and writes.
/// </summary>
public interface IVectorIndex : IDisposable
{
    /// <summary>The length of every vector in the index.</summary>
    int Dimensions { get; }

    /// <summary>The number of vectors in the index.</summary>
    long Count { get; }

    /// <summary>Adds or replaces the vectors of the given keys.</summary>
    /// <exception cref="ArgumentException">
    /// A vector's length is not <see cref="Dimensions"/>, a vector is all zeros or not finite, or a key is
    /// <see cref="ulong.MaxValue"/>, which USearch reserves. The index is then unchanged.
    /// </exception>
    void Upsert(IReadOnlyList<(ulong Key, float[] Vector)> entries);

    /// <summary>Removes the keys that are present and ignores the others.</summary>
    void Remove(IReadOnlyCollection<ulong> keys);

    /// <summary>Returns up to <paramref name="count"/> keys nearest to <paramref name="query"/>, most similar first.</summary>
    /// <exception cref="ArgumentException">
    /// The query's length is not <see cref="Dimensions"/>, or the query is all zeros or not finite.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is not positive.</exception>
    IReadOnlyList<VectorMatch> Search(ReadOnlySpan<float> query, int count);
}
