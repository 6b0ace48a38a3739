using System.Text.Json;

namespace VoiceHelper.Gateway.OpenAI;

/// <summary>
/// The body of <c>POST /v1/chat/completions</c>: the fields of OpenAI's request that VoiceHelper reads or rejects.
/// Other fields, such as <c>seed</c>, <c>stop</c>, <c>user</c> or <c>metadata</c>, are accepted and ignored.
/// Fields that may hold several JSON types are read as <see cref="JsonElement"/> and checked by
/// <see cref="ChatRequestReader"/>.
/// </summary>
public sealed record ChatCompletionRequest(
    string? Model,
    IReadOnlyList<ChatRequestMessage?>? Messages,
    bool? Stream = null,
    ChatStreamOptions? StreamOptions = null,
    int? N = null,
    int? MaxCompletionTokens = null,
    int? MaxTokens = null,
    double? Temperature = null,
    double? TopP = null,
    bool? Logprobs = null,
    int? TopLogprobs = null,
    IReadOnlyList<string>? Modalities = null,
    JsonElement? Tools = null,
    JsonElement? ToolChoice = null,
    JsonElement? Functions = null,
    JsonElement? FunctionCall = null,
    JsonElement? ResponseFormat = null,
    JsonElement? Audio = null);

/// <summary>One message of a chat completion request; <c>content</c> is a string or an array of content parts.</summary>
public sealed record ChatRequestMessage(
    string? Role,
    JsonElement? Content = null,
    JsonElement? ToolCalls = null,
    JsonElement? FunctionCall = null);

/// <summary>The <c>stream_options</c> of a chat completion request.</summary>
public sealed record ChatStreamOptions(bool? IncludeUsage = null);
