using System.Text.RegularExpressions;

namespace VoiceHelper.Cli.Output;

/// <summary>
/// Rewrites the advice in the gateway's error messages for vh users. The gateway writes one message for every client,
/// so its advice names REST routes or gRPC methods, such as "List the keys with GET /api/v1/keys". vh drops those
/// sentences and adds the vh command that does the same.
/// </summary>
internal static partial class ServerHints
{
    private static readonly Dictionary<string, string> CommandHints = new(StringComparer.Ordinal)
    {
        ["knowledge_base_not_found"] = "List the knowledge bases with 'vh kb list'.",
        ["conversation_not_found"] = "List the conversations with 'vh history', or start one with 'vh chat --kb KB'.",
        ["api_key_not_found"] = "List the keys with 'vh keys list'.",
        ["document_not_found"] = "List the documents with 'vh kb show KB'.",
        ["invalid_api_key"] = "Create a key with 'vh keys create NAME' and an administrator key, or ask an administrator.",
        ["input_audio_buffer_full"] =
            "Use --turn-detection server-vad, which splits the recording into turns, or a shorter recording.",
        ["resume_unavailable"] = "Read the conversation's turns with 'vh history ID'.",
    };

    /// <summary>Returns the message without sentences that name REST routes or gRPC methods, with the vh hint added.</summary>
    public static string Rewrite(string? code, string message)
    {
        var sentences = SentenceEnd().Split(message.Trim())
            .Where(sentence => !ApiReference().IsMatch(sentence) && !ClientAdvice().IsMatch(sentence));
        var remaining = string.Join(' ', sentences);
        if (code is not null && CommandHints.TryGetValue(code, out var hint) && !remaining.Contains(hint, StringComparison.Ordinal))
        {
            remaining = remaining.Length == 0 ? hint : $"{remaining} {hint}";
        }

        return remaining;
    }

    // A space after a full stop and before a capital letter ends a sentence.
    [GeneratedRegex(@"(?<=[.!?])\s+(?=[A-Z])")]
    private static partial Regex SentenceEnd();

    // An HTTP method with a path, such as "POST /api/v1/keys", or a gRPC method, such as "KeyService.ListApiKeys".
    [GeneratedRegex(@"\b(GET|POST|PUT|PATCH|DELETE) /|\b[A-Z][A-Za-z]*Service\.[A-Z][A-Za-z]*\b")]
    private static partial Regex ApiReference();

    // Advice that only a program that sends the voice session's events itself can follow, because vh sends them.
    [GeneratedRegex(@"^Commit or clear the buffer\b")]
    private static partial Regex ClientAdvice();
}
