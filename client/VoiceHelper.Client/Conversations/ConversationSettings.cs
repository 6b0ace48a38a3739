namespace VoiceHelper.Client;

/// <summary>
/// Settings of a conversation to create or update. A null setting keeps the current value when updating, because
/// the gateway cannot clear a setting.
/// </summary>
public sealed class ConversationSettings
{
    /// <summary>1 to 200 characters.</summary>
    public string? Title { get; init; }

    /// <summary>A knowledge base of the tenant to answer from. A conversation without one cannot answer.</summary>
    public Guid? KnowledgeBaseId { get; init; }

    /// <summary>A BCP 47 language tag of at most 35 characters, such as <c>en</c> or <c>de-CH</c>. Null means <c>en</c> at creation.</summary>
    public string? Language { get; init; }

    /// <summary>The name of a speech synthesis voice, 1 to 100 characters, for voice sessions.</summary>
    public string? Voice { get; init; }
}
