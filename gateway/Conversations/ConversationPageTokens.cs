using System.Buffers.Binary;
using System.Buffers.Text;
using System.Globalization;
using VoiceHelper.Gateway.Errors;
using VoiceHelper.Grains.Conversations;

namespace VoiceHelper.Gateway.Conversations;

/// <summary>
/// The page tokens of the gRPC list calls. Clients treat them as opaque; an empty token means the first page in a
/// request and no further page in a response.
/// </summary>
/// <remarks>
/// Tokens are not signed. A forged token only moves the position inside the caller's own list, because the tenant
/// comes from the API key, not from the token.
/// </remarks>
internal static class ConversationPageTokens
{
    // A conversation token is the cursor's last activity in UTC ticks (8 bytes, big-endian) followed by the id's
    // 16 bytes, in unpadded base64url.
    private const int ConversationTokenBytes = 24;

    public static string Format(ConversationCursor? cursor)
    {
        if (cursor is null)
        {
            return string.Empty;
        }

        Span<byte> bytes = stackalloc byte[ConversationTokenBytes];
        BinaryPrimitives.WriteInt64BigEndian(bytes, cursor.LastActivityAt.UtcTicks);
        cursor.Id.TryWriteBytes(bytes[8..], bigEndian: true, out _);
        return Base64Url.EncodeToString(bytes);
    }

    /// <summary>Returns the cursor of a conversation page token, null for an empty one, or throws when it is malformed.</summary>
    public static ConversationCursor? ParseConversationCursor(string field, string token)
    {
        if (token.Length == 0)
        {
            return null;
        }

        // Base64Url's decoders throw FormatException, rather than return false, on characters outside base64url.
        if (!Base64Url.IsValid(token, out var length) || length != ConversationTokenBytes)
        {
            throw Malformed(field, token);
        }

        Span<byte> bytes = stackalloc byte[ConversationTokenBytes];
        Base64Url.DecodeFromChars(token, bytes);

        var ticks = BinaryPrimitives.ReadInt64BigEndian(bytes);
        if (ticks < 0 || ticks > DateTimeOffset.MaxValue.UtcTicks)
        {
            throw Malformed(field, token);
        }

        return new ConversationCursor(new DateTimeOffset(ticks, TimeSpan.Zero), new Guid(bytes[8..], bigEndian: true));
    }

    /// <summary>Returns the token of the message page that ends before <paramref name="sequence"/>.</summary>
    public static string Format(long? sequence) =>
        sequence?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;

    /// <summary>
    /// Returns the sequence that a message page token ends before, null for an empty token, or throws when it is
    /// malformed.
    /// </summary>
    public static long? ParseMessageCursor(string field, string token)
    {
        if (token.Length == 0)
        {
            return null;
        }

        return long.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence) && sequence >= 1
            ? sequence
            : throw Malformed(field, token);
    }

    private static ApiProblemException Malformed(string field, string token) =>
        ApiProblemException.InvalidField(field,
            $"Field '{field}' is '{Shorten(token)}', which is not a page token of this call. Pass the " +
            "next_page_token of the previous page unchanged, or leave it empty for the first page.");

    private static string Shorten(string value) => value.Length <= 64 ? value : value[..64] + "...";
}
