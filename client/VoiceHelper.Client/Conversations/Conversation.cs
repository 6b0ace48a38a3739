namespace VoiceHelper.Client;

/// <summary>A conversation and its settings.</summary>
/// <param name="Id">The conversation's id.</param>
/// <param name="TenantId">The tenant that owns it.</param>
/// <param name="Title">The title; null when it was created without one.</param>
/// <param name="KnowledgeBaseId">The knowledge base that answers come from; null until one is set.</param>
/// <param name="Language">The language of its messages, a BCP 47 tag such as <c>en</c>.</param>
/// <param name="Voice">The voice that speaks answers in voice sessions; null means the engine's default.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="LastActivityAt">When it was created or a message of it was last stored or answered.</param>
public sealed record Conversation(
    Guid Id,
    Guid TenantId,
    string? Title,
    Guid? KnowledgeBaseId,
    string Language,
    string? Voice,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastActivityAt);
