using System.Globalization;
using System.Text.RegularExpressions;
using VoiceHelper.Gateway.Errors;
using VoiceHelper.Gateway.Json;

namespace VoiceHelper.Gateway.Conversations;

/// <summary>
/// Checks of conversation requests. Each returns the checked value or throws a 400 problem that names the field,
/// query parameter, route value or header.
/// </summary>
internal static partial class ConversationChecks
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    /// <summary>Returns the trimmed title, null when it is missing.</summary>
    public static string? Title(string? title, string example) =>
        TextFields.Optional("title", title, ConversationLimits.MaxTitleLength, example)?.Trim();

    /// <summary>
    /// Returns the language tag when it has the shape of a BCP 47 tag: a primary language of 2 or 3 letters, then
    /// subtags of 1 to 8 letters or digits, separated by hyphens, such as <c>en</c>, <c>pt-BR</c> or
    /// <c>zh-Hans-CN</c>.
    /// </summary>
    /// <remarks>
    /// NOTE: only the shape is checked, not the IANA subtag registry, so an unregistered tag such as <c>xx-YY</c> is
    /// accepted.
    /// </remarks>
    public static string? Language(string? language, string example)
    {
        var value = TextFields.Optional("language", language, ConversationLimits.MaxLanguageLength, example)?.Trim();
        if (value is not null && !LanguageTag().IsMatch(value))
        {
            throw ApiProblemException.InvalidField("language",
                $"Field 'language' is '{Truncate(value)}', which is not a BCP 47 language tag. Send a tag such as " +
                "'en', 'de-CH' or 'zh-Hans-CN'.");
        }

        return value;
    }

    /// <summary>Returns the voice name when it has 1 to 64 letters, digits, '-', '_', '.' or '+', starting with a letter or digit.</summary>
    /// <remarks>NOTE: the name is not checked against the voices of the speech engine.</remarks>
    public static string? Voice(string? voice, string example)
    {
        var value = TextFields.Optional("voice", voice, ConversationLimits.MaxVoiceLength, example)?.Trim();
        if (value is not null && !VoiceName().IsMatch(value))
        {
            throw ApiProblemException.InvalidField("voice",
                $"Field 'voice' is '{Truncate(value)}'; a voice name has only letters, digits, '-', '_', '.' and '+', " +
                "and starts with a letter or digit, such as 'en-us' or 'cmn-latn-pinyin'.");
        }

        return value;
    }

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
            throw InvalidKey($"The request has {values.Count} {IdempotencyKeyHeader} headers. Send one.");
        }

        var key = values[0] ?? string.Empty;
        if (key.Length is 0 or > ConversationLimits.MaxIdempotencyKeyLength)
        {
            throw InvalidKey($"Header '{IdempotencyKeyHeader}' is {key.Length} characters long; it must have 1 to " +
                $"{ConversationLimits.MaxIdempotencyKeyLength}. Send a unique value per message, such as a UUID.");
        }

        var invalid = key.AsSpan().IndexOfAnyExceptInRange(' ', '~');
        if (invalid >= 0)
        {
            throw InvalidKey($"Header '{IdempotencyKeyHeader}' has the character U+{(int)key[invalid]:X4} at position " +
                $"{invalid + 1}; only printable ASCII characters (space to '~') are allowed. Send a UUID, for example.");
        }

        return key;
    }

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
    public static string Truncate(string value) => value.Length <= 64 ? value : value[..64] + "...";

    private static ApiProblemException InvalidKey(string message) =>
        ApiProblemException.InvalidField(IdempotencyKeyHeader, message);

    [GeneratedRegex("^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$")]
    private static partial Regex LanguageTag();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_.+\-]*$")]
    private static partial Regex VoiceName();
}
