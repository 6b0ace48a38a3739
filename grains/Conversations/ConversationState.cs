namespace VoiceHelper.Grains.Conversations;

/// <summary>
/// The grain state of a conversation: who owns it and its settings. Turns live in relational tables instead.
/// </summary>
[GenerateSerializer, Alias("VoiceHelper.ConversationState")]
public sealed class ConversationState
{
    [Id(0)]
    public Guid TenantId { get; set; }

    [Id(1)]
    public string? Title { get; set; }

    [Id(2)]
    public DateTimeOffset CreatedAt { get; set; }

    [Id(3)]
    public Guid? KnowledgeBaseId { get; set; }

    [Id(4)]
    public string Language { get; set; } = ConversationDefaults.Language;

    [Id(5)]
    public string? Voice { get; set; }
}

/// <summary>The settings of a conversation created without them.</summary>
public static class ConversationDefaults
{
    /// <summary>The language of a new conversation: English.</summary>
    public const string Language = "en";
}
