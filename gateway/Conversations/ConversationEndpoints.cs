using System.Security.Claims;
using VoiceHelper.Gateway.Auth;
using VoiceHelper.Gateway.Errors;
using VoiceHelper.Gateway.Hosting;
using VoiceHelper.Gateway.Json;
using VoiceHelper.Grains.Conversations;

namespace VoiceHelper.Gateway.Conversations;

/// <summary>
/// REST endpoints for conversations under <c>/api/v1/conversations</c>. Every call is scoped to the caller's
/// tenant, so a conversation of another tenant returns 404 as if it did not exist.
/// </summary>
public static class ConversationEndpoints
{
    private const string CreateExample = """{ "title": "Index questions", "language": "en" }""";

    private const string UpdateExample = """{ "title": "Renamed" }""";

    public static IEndpointRouteBuilder MapConversationEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/conversations").RequireAuthorization().RequireClusterConnection();
        group.MapPost("/", CreateAsync);
        group.MapGet("/", ListAsync);
        group.MapGet("/{id}", GetAsync);
        group.MapPatch("/{id}", UpdateAsync);
        group.MapDelete("/{id}", DeleteAsync);
        group.MapPost("/{id}/messages", MessageEndpoints.SendAsync);
        group.MapGet("/{id}/messages", MessageEndpoints.ListAsync);
        group.MapGet("/{id}/responses/{responseId}/events", ResponseEndpoints.ReadEventsAsync);
        group.MapPost("/{id}/responses/{responseId}/cancel", ResponseEndpoints.CancelAsync);
        return endpoints;
    }

    /// <summary>Parses the conversation id of a route.</summary>
    internal static Guid ParseId(string id) =>
        ConversationChecks.ParseId("id", id, "Use the id returned by POST /api/v1/conversations.");

    private static async Task<IResult> CreateAsync(HttpRequest request, ClaimsPrincipal user, IClusterClient cluster)
    {
        var body = RequestBody.IsEmpty(request)
            ? new CreateConversationRequest()
            : await RequestBody.ReadAsync<CreateConversationRequest>(request, CreateExample);
        var settings = new ConversationSettings(
            ConversationChecks.Title(body.Title, CreateExample),
            body.KnowledgeBaseId,
            ConversationChecks.Language(body.Language, CreateExample),
            ConversationChecks.Voice(body.Voice, CreateExample));

        var id = Guid.NewGuid();
        var summary = await cluster.GetGrain<IConversationGrain>(id).CreateAsync(user.GetTenantId(), settings);
        return TypedResults.Created($"/api/v1/conversations/{id}", summary);
    }

    private static async Task<IResult> ListAsync(string? limit, string? cursor, ClaimsPrincipal user, IClusterClient cluster)
    {
        var pageSize = ConversationChecks.ParseOptionalInteger("limit", limit, 1, ConversationLimits.MaxListSize)
            ?? ConversationLimits.DefaultListSize;
        var after = ConversationCursorText.Parse(cursor);

        var page = await cluster.GetGrain<ITenantConversationsGrain>(user.GetTenantId()).ListAsync((int)pageSize, after);
        return TypedResults.Ok(new ConversationList(page.Conversations, ConversationCursorText.Format(page.Next)));
    }

    private static async Task<IResult> GetAsync(string id, ClaimsPrincipal user, IClusterClient cluster)
    {
        var conversationId = ParseId(id);

        var summary = await cluster.GetGrain<IConversationGrain>(conversationId).GetAsync(user.GetTenantId());
        return TypedResults.Ok(summary);
    }

    private static async Task<IResult> UpdateAsync(string id, HttpRequest request, ClaimsPrincipal user, IClusterClient cluster)
    {
        var conversationId = ParseId(id);
        var body = await RequestBody.ReadAsync<UpdateConversationRequest>(request, UpdateExample);
        var changes = new ConversationSettings(
            ConversationChecks.Title(body.Title, UpdateExample),
            body.KnowledgeBaseId,
            ConversationChecks.Language(body.Language, UpdateExample),
            ConversationChecks.Voice(body.Voice, UpdateExample));
        if (changes == new ConversationSettings())
        {
            // Unknown fields are ignored, so without this check a misspelt field would change nothing silently.
            throw new ApiProblemException(StatusCodes.Status400BadRequest, ProblemCodes.ValidationFailed,
                "The body changes nothing: set at least one of 'title', 'knowledge_base_id', 'language' and 'voice' " +
                $"to a value, as in {UpdateExample}. A null or missing field keeps its value.");
        }

        var summary = await cluster.GetGrain<IConversationGrain>(conversationId).UpdateAsync(user.GetTenantId(), changes);
        return TypedResults.Ok(summary);
    }

    private static async Task<IResult> DeleteAsync(string id, ClaimsPrincipal user, IClusterClient cluster)
    {
        var conversationId = ParseId(id);

        await cluster.GetGrain<IConversationGrain>(conversationId).DeleteAsync(user.GetTenantId());
        return TypedResults.NoContent();
    }
}
