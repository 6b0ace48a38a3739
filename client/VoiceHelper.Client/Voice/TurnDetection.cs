namespace VoiceHelper.Client;

/// <summary>
/// How a voice session finds the end of each user turn: server voice activity detection (server VAD) with its
/// settings, or <see cref="None"/>, where the client ends each turn with <see cref="VoiceSession.CommitAudioAsync"/>.
/// A setting left null keeps the server's default, which the session reports back in
/// <see cref="VoiceConfiguration.TurnDetection"/>.
/// </summary>
public sealed record TurnDetection
{
    /// <summary>No server VAD: the client commits each turn and requests the answer with <c>response.create</c>.</summary>
    public static TurnDetection None { get; } = new() { ServerVad = false };

    /// <summary>Server VAD with the server's defaults: threshold 0.5, 300 ms prefix, 500 ms of silence.</summary>
    public static TurnDetection Default { get; } = new();

    /// <summary>Whether the server detects turns. False means <see cref="None"/>, and the other settings are ignored.</summary>
    public bool ServerVad { get; init; } = true;

    /// <summary>The speech probability, 0 to 1, at or above which a 32 ms window counts as speech.</summary>
    public double? Threshold { get; init; }

    /// <summary>Audio kept before the detected start of speech, 0 to 5,000 ms.</summary>
    public int? PrefixPaddingMs { get; init; }

    /// <summary>Silence that ends a turn, 0 to 10,000 ms.</summary>
    public int? SilenceDurationMs { get; init; }

    /// <summary>Whether each finished turn is answered without a <c>response.create</c>.</summary>
    public bool? CreateResponse { get; init; }

    /// <summary>Whether speech during an answer interrupts it (barge-in).</summary>
    public bool? InterruptResponse { get; init; }
}
