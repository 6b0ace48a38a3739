namespace VoiceHelper.Speech.Synthesis;

/// <summary>What to speak and how.</summary>
/// <param name="Text">The text, at most <see cref="MaxTextLength"/> characters.</param>
/// <param name="Voice">
/// An engine voice name, or null or one of OpenAI's voice names (<see cref="SpeechVoices.OpenAIVoices"/>) for the
/// default voice of the language.
/// </param>
/// <param name="Language">
/// A BCP 47 tag such as <c>en</c> or <c>zh</c>, or null for Mandarin when the text has Han characters and English
/// otherwise.
/// </param>
/// <param name="Speed">The speaking rate relative to normal, from 0.25 to 4, as in OpenAI's speech API.</param>
public sealed record SynthesisRequest(string Text, string? Voice = null, string? Language = null, float Speed = 1f)
{
    /// <summary>The longest text of one request, in UTF-16 code units: OpenAI's limit for its speech API.</summary>
    public const int MaxTextLength = 4_096;

    /// <summary>The slowest speaking rate.</summary>
    public const float MinSpeed = 0.25f;

    /// <summary>The fastest speaking rate.</summary>
    public const float MaxSpeed = 4f;

    /// <summary>Throws when the text is empty or too long or the speed is out of range.</summary>
    /// <exception cref="ArgumentException">A value is invalid; the message names it.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Text))
        {
            throw new ArgumentException("The text to speak is empty.", nameof(Text));
        }

        if (Text.Length > MaxTextLength)
        {
            throw new ArgumentException(
                $"The text to speak has {Text.Length} characters; the maximum is {MaxTextLength}. Split it into several requests.",
                nameof(Text));
        }

        if (!(Speed is >= MinSpeed and <= MaxSpeed))
        {
            throw new ArgumentException($"Speed is {Speed}, but must be between {MinSpeed} and {MaxSpeed}.", nameof(Speed));
        }
    }
}
