namespace VoiceHelper.Speech.Synthesis;

/// <summary>Voice and language names shared by the synthesizers.</summary>
public static class SpeechVoices
{
    /// <summary>
    /// The voices of OpenAI's speech API. OpenAI clients always send one, so an engine without them speaks such a
    /// request with its default voice for the language.
    /// </summary>
    public static readonly IReadOnlySet<string> OpenAIVoices = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "alloy", "ash", "ballad", "cedar", "coral", "echo", "fable", "marin", "nova", "onyx", "sage", "shimmer", "verse",
    };

    /// <summary>Returns <c>zh</c> when the text contains a CJK unified ideograph, otherwise <c>en</c>.</summary>
    public static string DetectLanguage(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var c in text)
        {
            if (c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF')
            {
                return "zh";
            }
        }

        return "en";
    }
}
