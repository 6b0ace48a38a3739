using VoiceHelper.Grains.Conversations;

namespace VoiceHelper.Gateway.OpenAI;

/// <summary>
/// A checked chat completion request: the question (the last user message), the earlier user and assistant messages
/// for the question rewriter, a title for a new conversation, how to answer, and the texts of all messages, which
/// <c>usage.prompt_tokens</c> counts.
/// </summary>
internal sealed record ChatCompletionInput(
    string? Model,
    string Question,
    IReadOnlyList<PriorMessage> History,
    string Title,
    bool Stream,
    bool IncludeUsage,
    int? MaxTokens,
    IReadOnlyList<string> MessageTexts);
