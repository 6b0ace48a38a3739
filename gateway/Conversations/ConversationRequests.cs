namespace VoiceHelper.Gateway.Conversations;

/// <summary>The body of <c>POST /api/v1/conversations</c>; every field is optional.</summary>
public sealed record CreateConversationRequest(string? Title, Guid? KnowledgeBaseId = null);

/// <summary>The body of <c>POST /api/v1/conversations/{id}/messages</c>.</summary>
public sealed record SendMessageRequest(string? Text);

/// <summary>
/// The body of <c>GET /api/v1/conversations/{id}/messages</c>: turns oldest first, and the <c>before</c> value
/// of the older page, or null at the first turn.
/// </summary>
public sealed record MessagePage(IReadOnlyList<VoiceHelper.Grains.Conversations.Turn> Messages, long? NextBefore);
