using VoiceHelper.Grains.Knowledge;

namespace VoiceHelper.Gateway.Knowledge;

/// <summary>The body of <c>POST /api/v1/knowledge-bases</c>.</summary>
public sealed record CreateKnowledgeBaseRequest(string? Name);

/// <summary>The body of <c>POST /api/v1/knowledge-bases/{kb}/ask</c>.</summary>
public sealed record AskRequest(string? Question, int? TopK);

/// <summary>The body of <c>POST /api/v1/knowledge-bases/{kb}/search</c>.</summary>
public sealed record SearchRequest(string? Query, int? TopK, SearchFilters? Filters, double? MinScore);

/// <summary>Restrictions of a search; every field is optional.</summary>
public sealed record SearchFilters(IReadOnlyList<Guid>? DocumentIds);

/// <summary>The answer of a search.</summary>
public sealed record SearchResponse(IReadOnlyList<SearchResult> Results);

/// <summary>One search result as the API shows it.</summary>
public sealed record SearchResult(Guid DocumentId, string Title, string Heading, int? Page, string Text, double Score)
{
    public static SearchResult From(SearchHit hit) => new(hit.DocumentId, hit.Title, hit.Heading, hit.Page, hit.Text, hit.Score);
}
