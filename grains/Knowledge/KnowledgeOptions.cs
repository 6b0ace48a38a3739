using System.ComponentModel.DataAnnotations;

namespace VoiceHelper.Grains.Knowledge;

/// <summary>Settings of knowledge bases, read from the <c>Knowledge</c> configuration section.</summary>
public sealed class KnowledgeOptions
{
    public const string SectionName = "Knowledge";

    /// <summary>The number of index shards of a new knowledge base. Default 2; fixed once the base exists.</summary>
    [Range(1, 64, ErrorMessage = "Knowledge:ShardCount must be between 1 and 64.")]
    public int ShardCount { get; set; } = 2;

    /// <summary>Documents that one silo ingests at the same time; the others wait as queued. Default 2.</summary>
    [Range(1, 64, ErrorMessage = "Knowledge:MaxConcurrentIngestions must be between 1 and 64.")]
    public int MaxConcurrentIngestions { get; set; } = 2;

    /// <summary>Texts per embedding call during ingestion. Default 32.</summary>
    [Range(1, 256, ErrorMessage = "Knowledge:EmbeddingBatchSize must be between 1 and 256.")]
    public int EmbeddingBatchSize { get; set; } = 32;

    /// <summary>
    /// How many candidates each ranking (vector and full text) contributes per requested hit before fusion.
    /// Default 4.
    /// </summary>
    [Range(1, 50, ErrorMessage = "Knowledge:CandidatesPerHit must be between 1 and 50.")]
    public int CandidatesPerHit { get; set; } = 4;

    /// <summary>The k of reciprocal rank fusion, which scores a rank r as 1 / (k + r). Default 60, a common choice.</summary>
    [Range(1, 1000, ErrorMessage = "Knowledge:FusionK must be between 1 and 1000.")]
    public int FusionK { get; set; } = 60;

    /// <summary>
    /// The most chunks that a search restricted to some documents ranks by exact vector similarity, reading their
    /// vectors from PostgreSQL. Above it the search asks the shards for more candidates and keeps those of the
    /// documents, which can miss some. Default 20,000 (about 30 MB of vectors to read).
    /// </summary>
    [Range(0, 1_000_000, ErrorMessage = "Knowledge:ExactFilterMaxChunks must be between 0 and 1000000.")]
    public int ExactFilterMaxChunks { get; set; } = 20_000;
}
