namespace VoiceHelper.Speech.Vad;

/// <summary>
/// Server-side turn detection in the terms of the OpenAI Realtime API's <c>server_vad</c>: a speech probability
/// <see cref="Threshold"/>, the audio kept before speech starts (<see cref="PrefixPaddingMs"/>) and the silence that
/// ends a turn (<see cref="SilenceDurationMs"/>). <see cref="MaxTurnMs"/> is VoiceHelper's own bound.
/// </summary>
public sealed record TurnDetectionOptions
{
    /// <summary>The Silero speech probability at or above which a window counts as speech. Default 0.5. Range 0 to 1.</summary>
    public float Threshold { get; init; } = 0.5f;

    /// <summary>Audio kept before the first speech window, in milliseconds. Default 300. Range 0 to 5,000.</summary>
    public int PrefixPaddingMs { get; init; } = 300;

    /// <summary>Silence after the last speech window that ends the turn, in milliseconds. Default 500. Range 0 to 10,000.</summary>
    public int SilenceDurationMs { get; init; } = 500;

    /// <summary>
    /// The maximum turn length in milliseconds. A turn that reaches it stops as if silence followed, which bounds the audio
    /// held per stream. Default 60,000. Range 1,000 to 600,000.
    /// </summary>
    public int MaxTurnMs { get; init; } = 60_000;

    /// <summary>
    /// The probability below which a window counts as silence: 0.15 below <see cref="Threshold"/>, at least 0.01, as in
    /// Silero's own segmentation. Windows between the two neither extend nor end a turn's silence.
    /// </summary>
    public float SilenceThreshold => Math.Max(0.01f, Threshold - 0.15f);

    /// <summary>Returns one message per invalid setting, each naming the setting and its range; none when all are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!(Threshold is >= 0f and <= 1f))
        {
            problems.Add($"threshold is {Threshold}, but must be between 0 and 1.");
        }

        if (PrefixPaddingMs is < 0 or > 5_000)
        {
            problems.Add($"prefix_padding_ms is {PrefixPaddingMs}, but must be between 0 and 5000.");
        }

        if (SilenceDurationMs is < 0 or > 10_000)
        {
            problems.Add($"silence_duration_ms is {SilenceDurationMs}, but must be between 0 and 10000.");
        }

        if (MaxTurnMs is < 1_000 or > 600_000)
        {
            problems.Add($"max_turn_ms is {MaxTurnMs}, but must be between 1000 and 600000.");
        }

        return problems;
    }
}
