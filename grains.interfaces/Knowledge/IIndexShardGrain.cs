namespace VoiceHelper.Grains.Knowledge;

/// <summary>
/// One shard of a knowledge base's vector index, keyed by <c>{knowledgeBaseId}/{shard}</c>. It holds the vectors
/// of the chunks whose id modulo the shard count is its number, and rebuilds them from PostgreSQL on activation.
/// </summary>
[Alias("VoiceHelper.IIndexShardGrain")]
public interface IIndexShardGrain : IGrainWithStringKey
{
    /// <summary>Loads the stored vectors of these chunks into the shard.</summary>
    [Alias("Add")]
    Task AddAsync(IReadOnlyList<long> chunkIds);

    /// <summary>Removes these chunks from the shard; unknown ids are ignored.</summary>
    [Alias("Remove")]
    Task RemoveAsync(IReadOnlyList<long> chunkIds);

    /// <summary>Empties the shard and deactivates it, for a deleted knowledge base.</summary>
    [Alias("Reset")]
    Task ResetAsync();

    /// <summary>Returns up to <paramref name="count"/> chunk ids nearest to the vector, most similar first.</summary>
    [Alias("Search")]
    Task<IReadOnlyList<ShardMatch>> SearchAsync(float[] vector, int count);
}
