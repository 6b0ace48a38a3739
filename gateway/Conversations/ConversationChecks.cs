using System.Globalization;
using System.Text.RegularExpressions;
using VoiceHelper.Gateway.Errors;
using VoiceHelper.Gateway.Json;
using VoiceHelper.Grains.Conversations;

namespace VoiceHelper.Gateway.Conversations;

/// <summary>
/// Checks of conversation requests that the REST endpoints, the gRPC service and the OpenAI-compatible API share. Each returns the checked
/// value or throws a 400 problem that names the field, query parameter, route value or header by the name that the
/// caller's own clients use.
/// </summary>
internal static partial class ConversationChecks
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    /// <summary>Returns the trimmed title of a REST body, null when it is missing.</summary>
    public static string? Title(string? title, string example) => CheckTitle("title", title, example);

    /// <summary>Returns the language tag of a REST body, null when it is missing.</summary>
    public static string? Language(string? language, string example) => CheckLanguage("language", language, example);

    /// <summary>Returns the voice name of a REST body, null when it is missing.</summary>
    public static string? Voice(string? voice, string example) => CheckVoice("voice", voice, example);

    /// <summary>
    /// Returns the request's <c>Idempotency-Key</c> header, or null when it has none. A key has 1 to 255 printable
    /// ASCII characters (space to '~').
    /// </summary>
    public static string? IdempotencyKey(HttpRequest request)
    {
        if (!request.Headers.TryGetValue(IdempotencyKeyHeader, out var values))
        {
            return null;
        }

        if (values.Count != 1)
        {
            throw InvalidKey(IdempotencyKeyHeader, $"The request has {values.Count} {IdempotencyKeyHeader} headers. Send one.");
        }

        return CheckIdempotencyKey(IdempotencyKeyHeader, values[0] ?? string.Empty, "Header");
    }

    /// <summary>Returns the trimmed title, null when it is missing, or throws when it is blank, too long or has NUL.</summary>
    public static string? CheckTitle(string field, string? title, string? example = null) =>
        TextFields.Optional(field, title, ConversationLimits.MaxTitleLength, example)?.Trim();

    /// <summary>
    /// Returns the trimmed language tag when it has the shape of a BCP 47 tag: a primary language of 2 or 3 letters,
    /// then subtags of 1 to 8 letters or digits, separated by hyphens, such as <c>en</c>, <c>pt-BR</c> or
    /// <c>zh-Hans-CN</c>. Returns null when it is missing.
    /// </summary>
    /// <remarks>
    /// NOTE: only the shape is checked, not the IANA subtag registry, so an unregistered tag such as <c>xx-YY</c> is
    /// accepted.
    /// </remarks>
    public static string? CheckLanguage(string field, string? language, string? example = null)
    {
        var value = TextFields.Optional(field, language, ConversationLimits.MaxLanguageLength, example)?.Trim();
        if (value is not null && !LanguageTag().IsMatch(value))
        {
            throw ApiProblemException.InvalidField(field,
                $"Field '{field}' is '{Truncate(value)}', which is not a BCP 47 language tag. Send a tag such as " +
                "'en', 'de-CH' or 'zh-Hans-CN'.");
        }

        return value;
    }

    /// <summary>
    /// Returns the trimmed voice name when it has only letters, digits, '-', '_', '.' or '+', starting with a letter or
    /// digit. Returns null when it is missing.
    /// </summary>
    /// <remarks>NOTE: the name is not checked against the voices of the speech engine.</remarks>
    public static string? CheckVoice(string field, string? voice, string? example = null)
    {
        var value = TextFields.Optional(field, voice, ConversationLimits.MaxVoiceLength, example)?.Trim();
        if (value is not null && !VoiceName().IsMatch(value))
        {
            throw ApiProblemException.InvalidField(field,
                $"Field '{field}' is '{Truncate(value)}'; a voice name has only letters, digits, '-', '_', '.' and '+', " +
                "and starts with a letter or digit, such as 'en-us' or 'cmn-latn-pinyin'.");
        }

        return value;
    }

    /// <summary>Returns the message text unchanged, or throws when it is missing, blank, too long or has NUL.</summary>
    public static string CheckMessageText(string field, string? text, string? example = null) =>
        TextFields.Require(field, text, ConversationLimits.MaxMessageLength, example);

    /// <summary>
    /// Returns the idempotency key, null when it is missing, or throws unless it has 1 to 255 printable ASCII
    /// characters (space to '~').
    /// </summary>
    public static string? CheckIdempotencyKey(string field, string? key, string source = "Field")
    {
        if (key is null)
        {
            return null;
        }

        if (key.Length is 0 or > ConversationLimits.MaxIdempotencyKeyLength)
        {
            throw InvalidKey(field, $"{source} '{field}' is {key.Length} characters long; it must have 1 to " +
                $"{ConversationLimits.MaxIdempotencyKeyLength}. Send a unique value per message, such as a UUID.");
        }

        var invalid = key.AsSpan().IndexOfAnyExceptInRange(' ', '~');
        if (invalid >= 0)
        {
            throw InvalidKey(field, $"{source} '{field}' has the character U+{(int)key[invalid]:X4} at position " +
                $"{invalid + 1}; only printable ASCII characters (space to '~') are allowed. Send a UUID, for example.");
        }

        return key;
    }

    /// <summary>
    /// Returns the page size, <see cref="ConversationLimits.DefaultPageSize"/> for null, or throws when it is outside
    /// 1 to <see cref="ConversationLimits.MaxPageSize"/>.
    /// </summary>
    public static int CheckPageSize(string field, long? pageSize) => pageSize switch
    {
        null => ConversationLimits.DefaultPageSize,
        >= 1 and <= ConversationLimits.MaxPageSize => (int)pageSize.Value,
        _ => throw ApiProblemException.InvalidField(field,
            $"Field '{field}' is {pageSize}; it must be from 1 to {ConversationLimits.MaxPageSize}."),
    };

    /// <summary>Parses a route value that must be a UUID.</summary>
    public static Guid ParseId(string name, string value, string hint) =>
        Guid.TryParse(value, out var id)
            ? id
            : throw ApiProblemException.InvalidField(name, $"Route value '{name}' is '{Truncate(value)}', which is not a UUID. {hint}");

    /// <summary>
    /// Parses an optional query parameter, or the header that <paramref name="source"/> names, that must be a whole
    /// number from <paramref name="minimum"/> to <paramref name="maximum"/>.
    /// </summary>
    public static long? ParseOptionalInteger(
        string name, string? value, long minimum, long maximum, string source = "Query parameter")
    {
        if (value is null)
        {
            return null;
        }

        if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            && number >= minimum && number <= maximum)
        {
            return number;
        }

        throw ApiProblemException.InvalidField(name,
            $"{source} '{name}' is '{Truncate(value)}'; it must be a whole number from {minimum} to {maximum}.");
    }

    /// <summary>Shortens a rejected value for an error message.</summary>
    /// <summary>
    /// Throws 422 <c>idempotency_key_reused</c> when <paramref name="start"/> replays an earlier message whose text
    /// or modality differs from <paramref name="message"/>: the same key with another message is a client bug,
    /// which silently returning the earlier answer would hide.
    /// </summary>
    public static void EnsureSameMessage(ResponseStart start, UserMessage message)
    {
        if (start.Replayed && (start.Message.Text != message.Text || start.Message.Modality != message.Modality))
        {
            throw new ApiProblemException(StatusCodes.Status422UnprocessableEntity, ProblemCodes.IdempotencyKeyReused,
                $"Idempotency-Key '{Truncate(message.IdempotencyKey!)}' was already used in this conversation for a " +
                $"different message (turn '{start.Message.Id}'). Send a new key with each new message, and reuse a " +
                "key only to retry the same message.");
        }
    }

    public static string Truncate(string value) => value.Length <= 64 ? value : value[..64] + "...";

    private static ApiProblemException InvalidKey(string field, string message) =>
        ApiProblemException.InvalidField(field, message);

    [GeneratedRegex("^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$")]
    private static partial Regex LanguageTag();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_.+\-]*$")]
    private static partial Regex VoiceName();
}
