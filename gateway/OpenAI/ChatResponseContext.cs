using VoiceHelper.Gateway.Errors;
using VoiceHelper.Grains.Conversations;
using VoiceHelper.Grains.Knowledge;

namespace VoiceHelper.Gateway.OpenAI;

/// <summary>
/// One chat completion in progress: the request, the conversation and the response that answers it, and the parts
/// that every completion object and chunk repeats.
/// </summary>
internal sealed class ChatResponseContext(
    Guid tenantId, Guid conversationId, IConversationGrain conversation, ResponseStart start, string model,
    ChatCompletionInput input, TokenCounter tokens)
{
    public Guid TenantId { get; } = tenantId;

    public Guid ConversationId { get; } = conversationId;

    public IConversationGrain Conversation { get; } = conversation;

    public ResponseStart Start { get; } = start;

    public ChatCompletionInput Input { get; } = input;

    public TokenCounter Tokens { get; } = tokens;

    /// <summary>The completion id: <c>chatcmpl-</c> and the assistant turn's id without dashes.</summary>
    public string Id { get; } = $"chatcmpl-{start.ResponseId:N}";

    /// <summary>When the user turn was stored, in Unix seconds.</summary>
    public long Created { get; } = start.Message.CreatedAt.ToUnixTimeSeconds();

    /// <summary>The knowledge base's name, returned as the model.</summary>
    public string Model { get; } = model;

    /// <summary>Returns the response's events from the first one on, until its Done event.</summary>
    public IAsyncEnumerable<ResponseEvent> ReadEventsAsync(CancellationToken cancellationToken) =>
        Conversation.ReadResponseAsync(TenantId, Start.ResponseId, 0, cancellationToken);

    public ChatExtension Extension(IReadOnlyList<AnswerCitation>? sources) =>
        new(ConversationId, Start.Message.Id, Start.ResponseId, sources);

    public ChatUsage Usage(CompletionText text)
    {
        var prompt = Input.MessageTexts.Sum(Tokens.Count);
        var completion = text.CountTokens();
        return new ChatUsage(prompt, completion, prompt + completion);
    }

    /// <summary>Returns the failure that a client gets for an answer that did not complete, or null when it did.</summary>
    public ApiFailure? FailureOf(Turn? turn) => turn?.Status switch
    {
        TurnStatus.Completed => null,
        TurnStatus.Cancelled => new(StatusCodes.Status409Conflict, ProblemCodes.ResponseCancelled,
            $"The answer was cancelled before it was finished, because conversation '{ConversationId}' got another " +
            "message or the answer was cancelled through the API. Send the request again."),
        // NOTE: a failed turn stores only a message for people, not the kind of failure, so every failed answer is
        // a 500 here, even a timeout or an unavailable answer model that a retry could fix.
        _ => new(StatusCodes.Status500InternalServerError, ProblemCodes.ResponseFailed,
            turn?.Error ?? "The answer ended without being stored. Send the request again."),
    };
}
