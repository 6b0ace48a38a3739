namespace VoiceHelper.Knowledge.Index;

/// <summary>
/// Settings of a <see cref="UsearchVectorIndex"/>. <see cref="UsearchIndexOptionsValidator"/> checks them when an
/// index is created. The defaults kept recall@10 at or above 0.99 on 100,000 clustered 384-dimensional vectors in
/// the <c>vector-search</c> benchmark (docs/benchmarks.md).
/// </summary>
public sealed class UsearchIndexOptions
{
    /// <summary>The length of every vector. Default: 384, the output of all-MiniLM-L6-v2. Range: 1 to 4096.</summary>
    public int Dimensions { get; set; } = 384;

    /// <summary>
    /// The graph's connectivity (HNSW's M): edges per node on the upper levels, twice as many on the base level.
    /// Higher values raise recall, memory and insertion time. Default: 16. Range: 2 to 128.
    /// </summary>
    public int Connectivity { get; set; } = 16;

    /// <summary>
    /// The candidate list size while inserting (HNSW's efConstruction). Higher values build a better graph more
    /// slowly. Default: 128. Range: 1 to 4096.
    /// </summary>
    public int ExpansionAdd { get; set; } = 128;

    /// <summary>
    /// The candidate list size of a search (HNSW's ef). A search that requests more matches than this uses that
    /// number instead. Higher values raise recall and query time. Default: 64. Range: 1 to 4096.
    /// </summary>
    public int ExpansionSearch { get; set; } = 64;

    /// <summary>
    /// How vectors are stored. Default: <see cref="UsearchScalarKind.Float16"/>, which halves memory against
    /// <see cref="UsearchScalarKind.Float32"/> with the same recall@10 in the benchmark.
    /// </summary>
    public UsearchScalarKind ScalarKind { get; set; } = UsearchScalarKind.Float16;

    /// <summary>
    /// The number of vectors to reserve room for at creation. The capacity then doubles whenever an upsert needs
    /// more. Default: 1024. Range: 1 to 1,000,000,000.
    /// </summary>
    public int InitialCapacity { get; set; } = 1024;

    /// <summary>
    /// The number of searches that may run in the native library at once. Callers beyond it wait for a free slot.
    /// Each slot costs a few kilobytes of search state. Default: the number of logical processors. Range: 1 to 1024.
    /// </summary>
    public int MaxConcurrentOperations { get; set; } = Environment.ProcessorCount;
}
