using System.Text.RegularExpressions;
using VoiceHelper.Gateway.Errors;
using VoiceHelper.Gateway.Json;

namespace VoiceHelper.Gateway.Conversations;

/// <summary>
/// Checks of conversation requests that the REST endpoints and the gRPC service share. Each throws an
/// <see cref="ApiProblemException"/> naming the field that the caller passes, so REST and gRPC report the field by
/// the name that their own clients use. A null value stands for a field that the request did not set.
/// </summary>
internal static partial class ConversationChecks
{
    /// <summary>Returns the title without surrounding white space, or throws when it is blank, too long or has NUL.</summary>
    public static string? CheckTitle(string field, string? title) =>
        TextFields.Optional(field, title, ConversationLimits.MaxTitleLength)?.Trim();

    /// <summary>Returns the language tag unchanged, or throws when it is not shaped like a BCP 47 tag.</summary>
    public static string? CheckLanguage(string field, string? language)
    {
        if (TextFields.Optional(field, language, ConversationLimits.MaxLanguageLength) is not { } tag)
        {
            return null;
        }

        // Checks the shape only (a primary language subtag, then subtags of up to 8 letters or digits), not the
        // registry, so a tag of a language that no speech engine supports passes.
        return LanguageTag().IsMatch(tag)
            ? tag
            : throw ApiProblemException.InvalidField(field,
                $"Field '{field}' is '{tag}', which is not a BCP 47 language tag. Use a tag such as en, de-CH or zh-Hans-CN.");
    }

    /// <summary>Returns the voice name unchanged, or throws when it is blank, too long or has NUL.</summary>
    public static string? CheckVoice(string field, string? voice) =>
        TextFields.Optional(field, voice, ConversationLimits.MaxVoiceLength);

    /// <summary>Returns the message text unchanged, or throws when it is missing, blank, too long or has NUL.</summary>
    public static string CheckMessageText(string field, string? text, string? example = null) =>
        TextFields.Require(field, text, ConversationLimits.MaxMessageLength, example);

    /// <summary>Returns the idempotency key unchanged, or throws when it is blank, too long or has NUL.</summary>
    public static string? CheckIdempotencyKey(string field, string? key) =>
        TextFields.Optional(field, key, ConversationLimits.MaxIdempotencyKeyLength);

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

    [GeneratedRegex("^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$")]
    private static partial Regex LanguageTag();
}
