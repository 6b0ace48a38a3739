using System.Text.Json.Serialization;

namespace VoiceHelper.Gateway.OpenAI;

/// <summary>The body of <c>GET /v1/models</c>: the tenant's knowledge bases as models, oldest first.</summary>
public sealed record ModelList(IReadOnlyList<ModelInfo> Data)
{
    public string Object => "list";
}

/// <summary>
/// A knowledge base as an OpenAI model: <see cref="Id"/> is its name, which chat completions take as
/// <c>model</c>, and the <c>voicehelper</c> extension has its id.
/// </summary>
public sealed record ModelInfo(
    string Id,
    long Created,
    string OwnedBy,
    [property: JsonPropertyName("voicehelper")] ModelExtension VoiceHelper)
{
    public string Object => "model";
}

/// <summary>The <c>voicehelper</c> extension of a model.</summary>
public sealed record ModelExtension(Guid KnowledgeBaseId);
