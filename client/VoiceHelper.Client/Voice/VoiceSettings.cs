namespace VoiceHelper.Client;

/// <summary>
/// Changes to a voice session's settings, sent as a <c>session.update</c>. A property left null keeps its current
/// value.
/// </summary>
public sealed record VoiceSettings
{
    /// <summary>The format of the audio that <see cref="VoiceSession.SendAudioAsync"/> sends.</summary>
    public AudioFormat? InputFormat { get; init; }

    /// <summary>The format of the answer's audio in <see cref="AnswerAudioDelta"/> events.</summary>
    public AudioFormat? OutputFormat { get; init; }

    /// <summary>Server VAD and its settings, or <see cref="TurnDetection.None"/> to commit turns yourself.</summary>
    public TurnDetection? TurnDetection { get; init; }

    /// <summary>The voice that speaks answers: a voice of the silo's speech engine, or an OpenAI voice name.</summary>
    public string? Voice { get; init; }

    /// <summary>Instructions, which the session stores and reports; the grounded answerer does not read them.</summary>
    public string? Instructions { get; init; }
}
