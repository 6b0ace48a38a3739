namespace VoiceHelper.Client;

/// <summary>Optional settings of a search.</summary>
public sealed class SearchOptions
{
    /// <summary>The most results to return, 1 to 50. Null means the gateway's default, 5.</summary>
    public int? TopK { get; init; }

    /// <summary>The lowest score to return, 0 to 1. Null means 0, which keeps every result.</summary>
    public double? MinScore { get; init; }

    /// <summary>Search only these documents of the knowledge base. Null or empty means all of them.</summary>
    public IReadOnlyList<Guid>? DocumentIds { get; init; }
}
