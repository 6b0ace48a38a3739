using VoiceHelper.Grains.Conversations;

namespace VoiceHelper.Gateway.Conversations;

/// <summary>The body of <c>POST /api/v1/conversations</c>; every field is optional.</summary>
public sealed record CreateConversationRequest(
    string? Title = null, Guid? KnowledgeBaseId = null, string? Language = null, string? Voice = null);

/// <summary>
/// The body of <c>PATCH /api/v1/conversations/{id}</c>: the settings to change. A missing or null field keeps its
/// value.
/// </summary>
public sealed record UpdateConversationRequest(
    string? Title = null, Guid? KnowledgeBaseId = null, string? Language = null, string? Voice = null);

/// <summary>The body of <c>POST /api/v1/conversations/{id}/messages</c>; <see cref="Modality"/> defaults to text.</summary>
public sealed record SendMessageRequest(string? Text, TurnModality? Modality = null);
