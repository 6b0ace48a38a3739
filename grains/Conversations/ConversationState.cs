namespace VoiceHelper.Grains.Conversations;

/// <summary>The grain state of a conversation: who owns it. Turns live in relational tables instead.</summary>
[GenerateSerializer, Alias("VoiceHelper.ConversationState")]
public sealed class ConversationState
{
    [Id(0)]
    public Guid TenantId { get; set; }

    [Id(1)]
    public string? Title { get; set; }

    [Id(2)]
    public DateTimeOffset CreatedAt { get; set; }
}
