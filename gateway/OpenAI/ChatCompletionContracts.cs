using System.Text.Json.Serialization;
using VoiceHelper.Grains.Knowledge;

namespace VoiceHelper.Gateway.OpenAI;

/// <summary>
/// A <c>chat.completion</c>: the whole answer to a request without streaming. <see cref="Model"/> is the knowledge
/// base's name, and <see cref="VoiceHelper"/> carries what OpenAI's shape has no place for.
/// </summary>
public sealed record ChatCompletion(
    string Id,
    long Created,
    string Model,
    IReadOnlyList<ChatChoice> Choices,
    ChatUsage Usage,
    [property: JsonPropertyName("voicehelper")] ChatExtension VoiceHelper)
{
    public string Object => "chat.completion";
}

/// <summary>The one answer of a chat completion. <see cref="Logprobs"/> is always null.</summary>
public sealed record ChatChoice(int Index, ChatResponseMessage Message, object? Logprobs, string FinishReason);

/// <summary>The assistant's message; <see cref="Refusal"/> is always null.</summary>
public sealed record ChatResponseMessage(string Role, string Content, string? Refusal);

/// <summary>Token counts of a chat completion, in o200k_base tokens.</summary>
public sealed record ChatUsage(int PromptTokens, int CompletionTokens, int TotalTokens);

/// <summary>
/// The <c>voicehelper</c> extension of a completion or chunk: the conversation that stores the exchange, the stored
/// user and assistant turns, and the cited passages in the numbering of the content's sources footer.
/// </summary>
public sealed record ChatExtension(
    Guid ConversationId,
    Guid UserTurnId,
    Guid TurnId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<AnswerCitation>? Sources);

/// <summary>A <c>chat.completion.chunk</c>: one server-sent event of a streamed chat completion.</summary>
public sealed record ChatCompletionChunk(
    string Id,
    long Created,
    string Model,
    IReadOnlyList<ChunkChoice> Choices,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ChatUsage? Usage = null,
    [property: JsonPropertyName("voicehelper"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    ChatExtension? VoiceHelper = null)
{
    public string Object => "chat.completion.chunk";
}

/// <summary>The change to the one answer that a chunk carries; <see cref="FinishReason"/> is set in the last one.</summary>
public sealed record ChunkChoice(int Index, ChunkDelta Delta, object? Logprobs, string? FinishReason);

/// <summary>The role (first chunk only) and the next piece of content.</summary>
public sealed record ChunkDelta(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Role = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Content = null);
