using System.Security.Claims;
using VoiceHelper.Gateway.Auth;
using VoiceHelper.Gateway.Hosting;
using VoiceHelper.Grains.Knowledge;

namespace VoiceHelper.Gateway.OpenAI;

/// <summary>
/// The OpenAI-compatible API under <c>/v1</c>, for OpenAI client libraries: chat completions answered from a
/// knowledge base, and the tenant's knowledge bases listed as models. Errors use OpenAI's shape.
/// </summary>
public static class OpenAIEndpoints
{
    /// <summary>The <c>owned_by</c> of every model.</summary>
    public const string Owner = "voicehelper";

    /// <summary>Registers the services that the endpoints use.</summary>
    public static IServiceCollection AddOpenAIEndpoints(this IServiceCollection services) =>
        services.AddSingleton<TokenCounter>();

    public static IEndpointRouteBuilder MapOpenAIEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup(OpenAIErrors.PathPrefix).RequireAuthorization().RequireClusterConnection();
        group.MapPost("/chat/completions", ChatCompletionEndpoint.HandleAsync);
        group.MapGet("/models", ListModelsAsync);
        // Knowledge base names may contain slashes, so the model is the rest of the path.
        group.MapGet("/models/{**model}", GetModelAsync);
        group.MapAudioEndpoints();
        return endpoints;
    }

    private static async Task<IResult> ListModelsAsync(ClaimsPrincipal user, IClusterClient cluster)
    {
        var bases = await cluster.GetGrain<ITenantKnowledgeGrain>(user.GetTenantId()).ListAsync();
        return TypedResults.Json(new ModelList(bases.Select(ToModel).ToList()));
    }

    private static async Task<IResult> GetModelAsync(string model, ClaimsPrincipal user, IClusterClient cluster)
    {
        var bases = await cluster.GetGrain<ITenantKnowledgeGrain>(user.GetTenantId()).ListAsync();
        var knowledgeBase = KnowledgeBaseResolver.Find(bases, model)
            ?? throw KnowledgeBaseResolver.NotFound(model, fromHeader: false);
        return TypedResults.Json(ToModel(knowledgeBase));
    }

    private static ModelInfo ToModel(KnowledgeBaseInfo knowledgeBase) =>
        new(knowledgeBase.Name, knowledgeBase.CreatedAt.ToUnixTimeSeconds(), Owner, new ModelExtension(knowledgeBase.Id));
}
