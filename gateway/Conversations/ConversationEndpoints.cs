using System.Globalization;
using System.Security.Claims;
using VoiceHelper.Gateway.Auth;
using VoiceHelper.Gateway.Errors;
using VoiceHelper.Gateway.Hosting;
using VoiceHelper.Gateway.Json;
using VoiceHelper.Grains.Conversations;

namespace VoiceHelper.Gateway.Conversations;

/// <summary>REST endpoints for conversations and their messages under <c>/api/v1/conversations</c>.</summary>
public static class ConversationEndpoints
{
    private const string CreateExample = """{ "title": "Billing questions" }""";
    private const string MessageExample = """{ "text": "How do I create an index?" }""";

    public static IEndpointRouteBuilder MapConversationEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/conversations").RequireAuthorization().RequireClusterConnection();
        group.MapPost("/", CreateAsync);
        group.MapGet("/{id}", GetAsync);
        group.MapPost("/{id}/messages", SendMessageAsync);
        group.MapGet("/{id}/messages", GetMessagesAsync);
        return endpoints;
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, ClaimsPrincipal user, IClusterClient cluster)
    {
        var body = RequestBody.IsEmpty(request)
            ? new CreateConversationRequest(null, null)
            : await RequestBody.ReadAsync<CreateConversationRequest>(request, CreateExample);
        var title = TextFields.Optional("title", body.Title, ConversationLimits.MaxTitleLength, CreateExample)?.Trim();

        var id = Guid.NewGuid();
        var summary = await cluster.GetGrain<IConversationGrain>(id)
            .CreateAsync(user.GetTenantId(), new ConversationSettings(title, body.KnowledgeBaseId));
        return TypedResults.Created($"/api/v1/conversations/{id}", summary);
    }

    private static async Task<IResult> GetAsync(string id, ClaimsPrincipal user, IClusterClient cluster)
    {
        var conversationId = ParseId(id);

        var summary = await cluster.GetGrain<IConversationGrain>(conversationId).GetAsync(user.GetTenantId());
        return TypedResults.Ok(summary);
    }

    private static async Task<IResult> SendMessageAsync(
        string id, HttpRequest request, ClaimsPrincipal user, IClusterClient cluster)
    {
        var conversationId = ParseId(id);
        var body = await RequestBody.ReadAsync<SendMessageRequest>(request, MessageExample);
        var text = TextFields.Require("text", body.Text, ConversationLimits.MaxMessageLength, MessageExample);

        var exchange = await cluster.GetGrain<IConversationGrain>(conversationId)
            .SendMessageAsync(user.GetTenantId(), new UserMessage(text));
        return TypedResults.Ok(exchange);
    }

    private static async Task<IResult> GetMessagesAsync(
        string id, string? limit, string? before, ClaimsPrincipal user, IClusterClient cluster)
    {
        var conversationId = ParseId(id);
        var pageSize = ParseOptionalInteger("limit", limit, 1, ConversationLimits.MaxPageSize)
            ?? ConversationLimits.DefaultPageSize;
        var beforeSequence = ParseOptionalInteger("before", before, 1, long.MaxValue);

        var page = await cluster.GetGrain<IConversationGrain>(conversationId)
            .GetTurnsAsync(user.GetTenantId(), (int)pageSize, beforeSequence);
        return TypedResults.Ok(new MessagePage(page.Turns, page.NextBefore));
    }

    private static Guid ParseId(string id) =>
        Guid.TryParse(id, out var value)
            ? value
            : throw ApiProblemException.InvalidField("id",
                $"Conversation id '{Truncate(id)}' is not a UUID. Use the id returned by POST /api/v1/conversations.");

    private static long? ParseOptionalInteger(string name, string? value, long minimum, long maximum)
    {
        if (value is null)
        {
            return null;
        }

        if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            && number >= minimum && number <= maximum)
        {
            return number;
        }

        throw ApiProblemException.InvalidField(name,
            $"Query parameter '{name}' is '{Truncate(value)}'; it must be a whole number from {minimum} to {maximum}.");
    }

    private static string Truncate(string value) => value.Length <= 64 ? value : value[..64] + "...";
}
