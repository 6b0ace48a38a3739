using VoiceHelper.Grains.Conversations;
using VoiceHelper.Grains.Knowledge;

namespace VoiceHelper.Gateway.Conversations;

/// <summary>
/// The body of <c>GET /api/v1/conversations</c>: conversations by newest activity, and the cursor of the next
/// page, or null on the last page.
/// </summary>
public sealed record ConversationList(IReadOnlyList<ConversationSummary> Conversations, string? NextCursor);

/// <summary>
/// The body of <c>GET /api/v1/conversations/{id}/messages</c>: turns oldest first, and the <c>before</c> value
/// of the older page, or null at the first turn.
/// </summary>
public sealed record MessagePage(IReadOnlyList<Turn> Messages, long? NextBefore);

/// <summary>
/// The JSON body of <c>POST /api/v1/conversations/{id}/messages</c>: the stored user turn, the assistant turn that
/// answers it, and whether an <c>Idempotency-Key</c> matched a message stored earlier.
/// </summary>
public sealed record MessageReply(Turn Message, Turn Reply, bool Replayed);

/// <summary>The data of the <c>response</c> event, the first event of a message's event stream.</summary>
public sealed record ResponseStarted(Guid ConversationId, Guid ResponseId, Turn Message, bool Replayed);

/// <summary>The data of a <c>delta</c> event: the next piece of the answer's text.</summary>
public sealed record TextDelta(string Text);

/// <summary>The data of the <c>sources</c> event: the passages that the answer cites.</summary>
public sealed record SourceList(IReadOnlyList<AnswerCitation> Sources);

/// <summary>The data of an <c>error</c> event, which ends a stream that could not be continued.</summary>
public sealed record StreamError(int Status, string Code, string Detail);

/// <summary>The body of <c>POST .../responses/{responseId}/cancel</c>.</summary>
public sealed record CancelResult(Guid ResponseId, bool Cancelled);
