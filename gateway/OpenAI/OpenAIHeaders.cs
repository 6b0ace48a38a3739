namespace VoiceHelper.Gateway.OpenAI;

/// <summary>The VoiceHelper request and response headers of the OpenAI-compatible API.</summary>
public static class OpenAIHeaders
{
    /// <summary>
    /// Request header naming the knowledge base by name or id. It takes precedence over the <c>model</c> field,
    /// for clients that cannot choose the model name freely.
    /// </summary>
    public const string KnowledgeBase = "VoiceHelper-Knowledge-Base";

    /// <summary>
    /// Request header naming a stored conversation to continue; response header with the conversation that stores
    /// the exchange.
    /// </summary>
    public const string ConversationId = "VoiceHelper-Conversation-Id";
}
