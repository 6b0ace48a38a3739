namespace VoiceHelper.Knowledge.Index;

/// <summary>One search result: the chunk id and its cosine similarity to the query (1 is identical).</summary>
public readonly record struct VectorMatch(ulong Key, float Similarity);
