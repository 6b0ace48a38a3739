using System.Globalization;
using System.Text;
using Microsoft.Extensions.AI;

namespace VoiceHelper.Knowledge.Answering.Internal;

/// <summary>
/// The chat messages that ask a model to answer from numbered passages: a system message with the rules and a user
/// message with the passages, numbered from 1 in the order given, followed by the question.
/// </summary>
internal static class AnswerPrompt
{
    /// <summary>The reply that means the passages do not contain the answer.</summary>
    public const string NoAnswerSignal = "NO_ANSWER";

    private const string Rules =
        "You answer questions from the numbered passages in the user's message and from nothing else.\n" +
        "- Use only facts stated in the passages. Do not add knowledge of your own.\n" +
        "- After each sentence, cite the passages it rests on by number in square brackets, such as [1] or [2][3].\n" +
        "- Answer in the language of the question, briefly, in plain prose without headings.\n" +
        "- If the passages do not contain the answer, reply with exactly " + NoAnswerSignal + " and nothing else.";

    /// <summary>
    /// Returns the system and user messages for <paramref name="question"/> over <paramref name="passages"/>.
    /// </summary>
    public static List<ChatMessage> Build(string question, IReadOnlyList<AnswerPassage> passages) =>
    [
        new(ChatRole.System, Rules),
        new(ChatRole.User, UserMessage(question, passages)),
    ];

    private static string UserMessage(string question, IReadOnlyList<AnswerPassage> passages)
    {
        var text = new StringBuilder("Passages:\n");
        for (var i = 0; i < passages.Count; i++)
        {
            AppendPassage(text, i + 1, passages[i]);
        }

        return text.Append("\nQuestion: ").Append(question.Trim()).ToString();
    }

    private static void AppendPassage(StringBuilder text, int number, AnswerPassage passage)
    {
        text.Append(CultureInfo.InvariantCulture, $"\n[{number}] Document: {passage.Title}");
        if (!string.IsNullOrWhiteSpace(passage.Heading))
        {
            text.Append(CultureInfo.InvariantCulture, $"; section: {passage.Heading}");
        }

        if (passage.Page is { } page)
        {
            text.Append(CultureInfo.InvariantCulture, $"; page {page}");
        }

        text.Append('\n').Append(passage.Text.Trim()).Append('\n');
    }
}
