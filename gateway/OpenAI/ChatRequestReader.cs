using System.Text;
using System.Text.Json;
using VoiceHelper.Gateway.Conversations;
using VoiceHelper.Gateway.Errors;
using VoiceHelper.Gateway.Json;
using VoiceHelper.Grains.Conversations;

namespace VoiceHelper.Gateway.OpenAI;

/// <summary>
/// Checks a chat completion request and reads its messages. Each rejection is a 400 that names the field in
/// <c>param</c>: <c>validation_failed</c> for a value out of range, <c>unsupported_parameter</c> for a feature that
/// VoiceHelper does not offer, such as tools, images or log probabilities.
/// </summary>
internal static class ChatRequestReader
{
    /// <summary>A valid request body, shown in error messages.</summary>
    public const string Example =
        """{ "model": "postgres-manual", "messages": [ { "role": "user", "content": "How do I create an index?" } ] }""";

    /// <summary>
    /// The maximum number of earlier messages passed to the question rewriter. It is the largest
    /// <c>Conversations:HistoryTurns</c> that the silo accepts, so the rewriter could never read older messages.
    /// </summary>
    public const int MaxHistoryMessages = 50;

    private const string User = "user";
    private const string Assistant = "assistant";

    /// <summary>Returns the checked request, or throws an <see cref="ApiProblemException"/> naming the bad field.</summary>
    public static ChatCompletionInput Read(ChatCompletionRequest body)
    {
        CheckChoices(body);
        CheckSampling(body);
        CheckUnsupported(body);
        var messages = ReadMessages(body.Messages);

        var lastIndex = messages.Count - 1;
        if (messages[lastIndex].Role != User)
        {
            throw ApiProblemException.InvalidField("messages",
                $"The last message has role '{messages[lastIndex].Role}', but it must be the user's question: " +
                "VoiceHelper answers the last message, which must have role 'user'.");
        }

        var question = TextFields.Require($"messages[{lastIndex}].content", messages[lastIndex].Text,
            ConversationLimits.MaxMessageLength, Example);
        var history = messages.Take(lastIndex)
            .Where(message => message.Role is User or Assistant && message.Text.Length > 0)
            .TakeLast(MaxHistoryMessages)
            .Select(message => new PriorMessage(message.Role == User ? TurnRole.User : TurnRole.Assistant, message.Text))
            .ToList();
        var title = TitleOf(messages, question);
        return new ChatCompletionInput(body.Model, question, history, title, body.Stream ?? false,
            body.StreamOptions?.IncludeUsage ?? false, body.MaxCompletionTokens ?? body.MaxTokens,
            messages.Select(message => message.Text).ToList());
    }

    private static void CheckChoices(ChatCompletionRequest body)
    {
        if (body.N is { } n && n != 1)
        {
            throw ApiProblemException.InvalidField("n",
                $"Field 'n' is {n}, but VoiceHelper writes one answer per request. Set n to 1 or leave it out.");
        }

        CheckPositive("max_completion_tokens", body.MaxCompletionTokens);
        CheckPositive("max_tokens", body.MaxTokens);
    }

    // The answers quote the knowledge base, so sampling settings change nothing, but a value that OpenAI rejects
    // is rejected here too, so a client's mistake does not go unnoticed.
    private static void CheckSampling(ChatCompletionRequest body)
    {
        CheckRange("temperature", body.Temperature, 0, 2);
        CheckRange("top_p", body.TopP, 0, 1);
    }

    private static void CheckUnsupported(ChatCompletionRequest body)
    {
        if (HasItems(body.Tools) || HasItems(body.Functions))
        {
            var field = HasItems(body.Tools) ? "tools" : "functions";
            throw Unsupported(field, $"Field '{field}' is not supported: VoiceHelper answers from its knowledge base " +
                "and does not call tools. Leave it out.");
        }

        CheckNoneOrAbsent("tool_choice", body.ToolChoice);
        CheckNoneOrAbsent("function_call", body.FunctionCall);
        if (IsSet(body.ResponseFormat) && !IsTextFormat(body.ResponseFormat!.Value))
        {
            throw Unsupported("response_format",
                "Field 'response_format' asks for JSON, which VoiceHelper does not write. Use { \"type\": \"text\" } or leave it out.");
        }

        if (body.Logprobs == true || body.TopLogprobs is > 0)
        {
            var field = body.Logprobs == true ? "logprobs" : "top_logprobs";
            throw Unsupported(field, $"Field '{field}' is not supported: VoiceHelper's answers have no token " +
                "probabilities. Leave it out.");
        }

        if (IsSet(body.Audio) || body.Modalities?.Any(modality => modality != "text") == true)
        {
            var field = IsSet(body.Audio) ? "audio" : "modalities";
            throw Unsupported(field, $"Field '{field}' asks for audio, which this endpoint does not write. " +
                "Use the realtime API for spoken answers, or leave the field out.");
        }
    }

    private static List<MessageText> ReadMessages(IReadOnlyList<ChatRequestMessage?>? messages)
    {
        if (messages is null || messages.Count == 0)
        {
            throw ApiProblemException.InvalidField("messages",
                $"Field 'messages' is missing or empty. Send at least one message with role 'user', as in {Example}.");
        }

        var read = new List<MessageText>(messages.Count);
        for (var index = 0; index < messages.Count; index++)
        {
            var message = messages[index] ?? throw ApiProblemException.InvalidField($"messages[{index}]",
                $"Message {index} is null. Send an object with 'role' and 'content'.");
            read.Add(ReadMessage(message, index));
        }

        return read;
    }

    private static MessageText ReadMessage(ChatRequestMessage message, int index)
    {
        var role = ReadRole(message.Role, index);
        if (HasItems(message.ToolCalls) || IsSet(message.FunctionCall))
        {
            var field = HasItems(message.ToolCalls) ? "tool_calls" : "function_call";
            throw Unsupported($"messages[{index}].{field}",
                $"Message {index} has '{field}', but VoiceHelper does not call tools. Remove the tool calls from the history.");
        }

        return new MessageText(role, ReadContent(message.Content, role, index));
    }

    private static string ReadRole(string? role, int index)
    {
        switch (role)
        {
            case "system" or "developer" or User or Assistant:
                return role;
            case "tool" or "function":
                throw Unsupported($"messages[{index}].role",
                    $"Message {index} has role '{role}', but VoiceHelper does not call tools. Remove tool results from the history.");
            default:
                var roleText = role is null ? "is missing" : $"is '{role}'";
                throw ApiProblemException.InvalidField($"messages[{index}].role",
                    $"The role of message {index} {roleText}; it must be 'system', 'developer', 'user' or 'assistant'.");
        }
    }

    // Content is a string, or an array of parts of which only text parts are supported. An assistant message may
    // have no content, as OpenAI allows.
    private static string ReadContent(JsonElement? content, string role, int index)
    {
        var field = $"messages[{index}].content";
        if (!IsSet(content))
        {
            return role == Assistant
                ? string.Empty
                : throw ApiProblemException.InvalidField(field, $"Field '{field}' is missing. Set it to the message's text.");
        }

        var value = content!.Value;
        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString()!,
            JsonValueKind.Array => ReadTextParts(value, field),
            _ => throw ApiProblemException.InvalidField(field,
                $"Field '{field}' is a JSON {value.ValueKind.ToString().ToLowerInvariant()}; it must be a string or an array of text parts."),
        };
    }

    private static string ReadTextParts(JsonElement parts, string field)
    {
        var text = new StringBuilder();
        var position = 0;
        foreach (var part in parts.EnumerateArray())
        {
            var type = part.ValueKind == JsonValueKind.Object && part.TryGetProperty("type", out var typeValue)
                && typeValue.ValueKind == JsonValueKind.String ? typeValue.GetString() : null;
            if (type != "text" || !part.TryGetProperty("text", out var partText) || partText.ValueKind != JsonValueKind.String)
            {
                var typeText = type is null ? "has no type" : $"has type '{type}'";
                throw Unsupported(field, $"Part {position} of '{field}' {typeText}; only parts of type 'text' with a " +
                    "'text' string are supported, because VoiceHelper reads text only.");
            }

            text.Append(text.Length > 0 ? "\n" : string.Empty).Append(partText.GetString());
            position++;
        }

        return text.ToString();
    }

    // The first user message names what the client's conversation is about; the title must be storable text.
    private static string TitleOf(List<MessageText> messages, string question)
    {
        var first = messages.FirstOrDefault(message => message.Role == User && !string.IsNullOrWhiteSpace(message.Text));
        var title = (first?.Text ?? question).Replace("\0", string.Empty, StringComparison.Ordinal).Trim();
        if (title.Length <= ConversationLimits.MaxTitleLength)
        {
            return title;
        }

        // Cut before a surrogate pair rather than through it, which would leave text that cannot be encoded.
        var length = ConversationLimits.MaxTitleLength;
        return title[..(char.IsHighSurrogate(title[length - 1]) ? length - 1 : length)];
    }

    private static void CheckPositive(string field, int? value)
    {
        if (value is < 1)
        {
            throw ApiProblemException.InvalidField(field,
                $"Field '{field}' is {value}; it must be at least 1, or left out for no limit.");
        }
    }

    private static void CheckRange(string field, double? value, double minimum, double maximum)
    {
        if (value is { } number && (number < minimum || number > maximum || double.IsNaN(number)))
        {
            throw ApiProblemException.InvalidField(field,
                $"Field '{field}' is {number}; it must be from {minimum} to {maximum}. VoiceHelper ignores it, because " +
                "its answers quote the knowledge base.");
        }
    }

    private static void CheckNoneOrAbsent(string field, JsonElement? value)
    {
        if (IsSet(value) && !(value!.Value.ValueKind == JsonValueKind.String && value.Value.GetString() == "none"))
        {
            throw Unsupported(field, $"Field '{field}' asks for a tool call, but VoiceHelper does not call tools. " +
                "Set it to \"none\" or leave it out.");
        }
    }

    private static bool IsTextFormat(JsonElement format) =>
        format.ValueKind == JsonValueKind.Object && format.TryGetProperty("type", out var type)
        && type.ValueKind == JsonValueKind.String && type.GetString() == "text";

    private static bool IsSet(JsonElement? value) =>
        value is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) };

    // An empty array of tools asks for nothing, so it is accepted like a missing one.
    private static bool HasItems(JsonElement? value) =>
        IsSet(value) && !(value!.Value.ValueKind == JsonValueKind.Array && value.Value.GetArrayLength() == 0);

    private static ApiProblemException Unsupported(string field, string message) =>
        new(StatusCodes.Status400BadRequest, ProblemCodes.UnsupportedParameter, message,
            new Dictionary<string, string[]> { [field] = [message] });

    private sealed record MessageText(string Role, string Text);
}
