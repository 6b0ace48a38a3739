using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using VoiceHelper.Gateway.Auth;
using VoiceHelper.Gateway.Errors;
using VoiceHelper.Gateway.Hosting;
using VoiceHelper.Gateway.Json;
using VoiceHelper.Grains.Knowledge;

namespace VoiceHelper.Gateway.Knowledge;

/// <summary>REST endpoints under <c>/api/v1/knowledge-bases</c>: knowledge bases, their documents, and search.</summary>
public static class KnowledgeBaseEndpoints
{
    private const string CreateExample = """{ "name": "postgres-manual" }""";
    private const string AskExample = """{ "question": "How do I create an index?", "top_k": 5 }""";
    private const string SearchExample = """{ "query": "How do I create an index?", "top_k": 5 }""";

    public static IEndpointRouteBuilder MapKnowledgeBaseEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/knowledge-bases").RequireAuthorization().RequireClusterConnection();
        group.MapPost("/", CreateAsync);
        group.MapGet("/", ListAsync);
        group.MapGet("/{kb}", GetAsync);
        group.MapDelete("/{kb}", DeleteAsync);
        group.MapPost("/{kb}/documents", DocumentEndpoints.UploadAsync)
            .WithMetadata(new RequestSizeLimitAttribute(KnowledgeLimits.MaxUploadBytes + 64 * 1024));
        group.MapGet("/{kb}/documents", DocumentEndpoints.ListAsync);
        group.MapGet("/{kb}/documents/{doc}", DocumentEndpoints.GetAsync);
        group.MapDelete("/{kb}/documents/{doc}", DocumentEndpoints.DeleteAsync);
        group.MapPost("/{kb}/search", SearchAsync);
        group.MapPost("/{kb}/ask", AskAsync);
        return endpoints;
    }

    internal static Guid ParseId(string name, string value) =>
        Guid.TryParse(value, out var id)
            ? id
            : throw ApiProblemException.InvalidField(name, $"Route value '{name}' is '{value}', which is not a UUID.");

    private static async Task<IResult> CreateAsync(HttpRequest request, ClaimsPrincipal user, IClusterClient cluster)
    {
        var body = await RequestBody.ReadAsync<CreateKnowledgeBaseRequest>(request, CreateExample);
        var name = TextFields.Require("name", body.Name, KnowledgeLimits.MaxNameLength, CreateExample).Trim();

        var id = Guid.NewGuid();
        var info = await cluster.GetGrain<IKnowledgeBaseGrain>(id).CreateAsync(user.GetTenantId(), name);
        return TypedResults.Created($"/api/v1/knowledge-bases/{id}", info);
    }

    private static async Task<IResult> ListAsync(ClaimsPrincipal user, IClusterClient cluster)
    {
        var bases = await cluster.GetGrain<ITenantKnowledgeGrain>(user.GetTenantId()).ListAsync();
        return TypedResults.Ok(new { knowledge_bases = bases });
    }

    private static async Task<IResult> GetAsync(string kb, ClaimsPrincipal user, IClusterClient cluster) =>
        TypedResults.Ok(await cluster.GetGrain<IKnowledgeBaseGrain>(ParseId("kb", kb)).GetAsync(user.GetTenantId()));

    private static async Task<IResult> DeleteAsync(string kb, ClaimsPrincipal user, IClusterClient cluster)
    {
        await cluster.GetGrain<IKnowledgeBaseGrain>(ParseId("kb", kb)).DeleteAsync(user.GetTenantId());
        return TypedResults.NoContent();
    }

    private static async Task<IResult> SearchAsync(string kb, HttpRequest request, ClaimsPrincipal user, IClusterClient cluster)
    {
        var knowledgeBaseId = ParseId("kb", kb);
        var body = await RequestBody.ReadAsync<SearchRequest>(request, SearchExample);
        var query = new SearchQuery(
            TextFields.Require("query", body.Query, KnowledgeLimits.MaxQueryLength, SearchExample),
            KnowledgeChecks.CheckTopK(body.TopK),
            KnowledgeChecks.CheckMinScore(body.MinScore),
            CheckDocumentIds(body.Filters?.DocumentIds));

        var hits = await cluster.GetGrain<IKnowledgeBaseGrain>(knowledgeBaseId).SearchAsync(user.GetTenantId(), query);
        return TypedResults.Ok(new SearchResponse(hits.Select(SearchResult.From).ToList()));
    }

    private static async Task<IResult> AskAsync(string kb, HttpRequest request, ClaimsPrincipal user, IClusterClient cluster)
    {
        var knowledgeBaseId = ParseId("kb", kb);
        var body = await RequestBody.ReadAsync<AskRequest>(request, AskExample);
        var question = TextFields.Require("question", body.Question, KnowledgeLimits.MaxQueryLength, AskExample);

        var answer = await cluster.GetGrain<IKnowledgeBaseGrain>(knowledgeBaseId)
            .AskAsync(user.GetTenantId(), question, KnowledgeChecks.CheckTopK(body.TopK));
        return TypedResults.Ok(answer);
    }

    // JSON can tell a missing list from an empty one, so an empty list, which would match nothing, is an error.
    private static IReadOnlyList<Guid>? CheckDocumentIds(IReadOnlyList<Guid>? documentIds) => documentIds switch
    {
        null => null,
        [] => throw ApiProblemException.InvalidField("filters.document_ids",
            "Field 'filters.document_ids' is empty, which matches no document; name at least one document id, or " +
            "leave the field out to search every document."),
        _ => KnowledgeChecks.CheckDocumentCount("filters.document_ids", documentIds),
    };
}
