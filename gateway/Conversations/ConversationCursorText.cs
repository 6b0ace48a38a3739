using System.Buffers.Text;
using System.Globalization;
using System.Text;
using VoiceHelper.Gateway.Errors;
using VoiceHelper.Grains.Conversations;

namespace VoiceHelper.Gateway.Conversations;

/// <summary>
/// Converts a <see cref="ConversationCursor"/> to the opaque <c>next_cursor</c> string of the conversation list and
/// back. The string is base64url of the last activity in UTC ticks and the conversation id, which keeps the
/// microseconds that PostgreSQL stores. Clients must pass it back unchanged.
/// </summary>
internal static class ConversationCursorText
{
    private const string Parameter = "cursor";

    public static string? Format(ConversationCursor? cursor) => cursor is null
        ? null
        : Base64Url.EncodeToString(Encoding.ASCII.GetBytes(
            $"{cursor.LastActivityAt.UtcTicks.ToString(CultureInfo.InvariantCulture)}:{cursor.Id:N}"));

    /// <summary>Returns the cursor, null when <paramref name="text"/> is null, or throws a 400 problem naming <c>cursor</c>.</summary>
    public static ConversationCursor? Parse(string? text)
    {
        if (text is null)
        {
            return null;
        }

        if (TryParse(text) is { } cursor)
        {
            return cursor;
        }

        throw ApiProblemException.InvalidField(Parameter,
            $"Query parameter '{Parameter}' is '{ConversationChecks.Truncate(text)}', which is not a cursor that this " +
            "API returned. Pass the next_cursor of the previous page unchanged, or leave it out for the first page.");
    }

    private static ConversationCursor? TryParse(string text)
    {
        // 19 digits of ticks, a colon and 32 hex digits encode to at most 70 characters.
        if (text.Length > 72 || !Base64Url.IsValid(text))
        {
            return null;
        }

        var parts = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(text)).Split(':');
        if (parts.Length != 2
            || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || ticks > DateTimeOffset.MaxValue.UtcTicks
            || !Guid.TryParseExact(parts[1], "N", out var id))
        {
            return null;
        }

        return new ConversationCursor(new DateTimeOffset(ticks, TimeSpan.Zero), id);
    }
}
