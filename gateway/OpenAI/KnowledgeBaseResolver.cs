using VoiceHelper.Gateway.Errors;
using VoiceHelper.Grains.Knowledge;

namespace VoiceHelper.Gateway.OpenAI;

/// <summary>Finds the knowledge base that a request names as its model.</summary>
internal static class KnowledgeBaseResolver
{
    /// <summary>
    /// Returns the tenant's knowledge base named by the <see cref="OpenAIHeaders.KnowledgeBase"/> header, or else by
    /// <paramref name="model"/>. Either may hold the knowledge base's id or its name, which is case-sensitive.
    /// </summary>
    /// <exception cref="ApiProblemException">Neither names a knowledge base (400), or the tenant has no such one (404).</exception>
    public static async Task<KnowledgeBaseInfo> ResolveAsync(
        HttpRequest request, string? model, Guid tenantId, IClusterClient cluster)
    {
        var header = request.Headers[OpenAIHeaders.KnowledgeBase].ToString();
        var fromHeader = !string.IsNullOrWhiteSpace(header);
        var name = fromHeader ? header.Trim() : model;
        if (string.IsNullOrWhiteSpace(name))
        {
            throw ApiProblemException.InvalidField("model",
                "Field 'model' is missing or blank. Set it to a knowledge base name or id from GET /v1/models, " +
                $"or send the {OpenAIHeaders.KnowledgeBase} header.");
        }

        var bases = await cluster.GetGrain<ITenantKnowledgeGrain>(tenantId).ListAsync();
        return Find(bases, name) ?? throw NotFound(name, fromHeader);
    }

    /// <summary>Returns the knowledge base whose id or name is <paramref name="name"/>, or null.</summary>
    public static KnowledgeBaseInfo? Find(IReadOnlyList<KnowledgeBaseInfo> bases, string name)
    {
        if (Guid.TryParse(name, out var id) && bases.FirstOrDefault(knowledgeBase => knowledgeBase.Id == id) is { } byId)
        {
            return byId;
        }

        return bases.FirstOrDefault(knowledgeBase => string.Equals(knowledgeBase.Name, name, StringComparison.Ordinal));
    }

    /// <summary>The 404 for a model or header value that names no knowledge base of the tenant.</summary>
    public static ApiProblemException NotFound(string name, bool fromHeader)
    {
        var displayName = name.Length <= 100 ? name : name[..100] + "...";
        if (fromHeader)
        {
            return new ApiProblemException(StatusCodes.Status404NotFound, ProblemCodes.KnowledgeBaseNotFound,
                $"The {OpenAIHeaders.KnowledgeBase} header is '{displayName}', which names no knowledge base of this " +
                "tenant. List them with GET /v1/models.");
        }

        var message = $"The model '{displayName}' does not exist: it names no knowledge base of this tenant. " +
            "List the models with GET /v1/models.";
        return new ApiProblemException(StatusCodes.Status404NotFound, ProblemCodes.ModelNotFound, message,
            new Dictionary<string, string[]> { ["model"] = [message] });
    }
}
