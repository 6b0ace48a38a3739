namespace VoiceHelper.Grains.Voice;

/// <summary>
/// The changes of a <c>session.update</c>: each null property keeps its value. Turn detection changes only when
/// <see cref="SetTurnDetection"/> is true, because null there means manual commits.
/// </summary>
[GenerateSerializer, Immutable, Alias("VoiceHelper.VoiceSessionUpdate")]
public sealed record VoiceSessionUpdate
{
    [Id(0)]
    public VoiceAudioFormat? InputFormat { get; init; }

    [Id(1)]
    public int? InputRate { get; init; }

    [Id(2)]
    public VoiceAudioFormat? OutputFormat { get; init; }

    [Id(3)]
    public int? OutputRate { get; init; }

    [Id(4)]
    public bool SetTurnDetection { get; init; }

    [Id(5)]
    public VoiceTurnDetection? TurnDetection { get; init; }

    [Id(6)]
    public string? Voice { get; init; }

    [Id(7)]
    public string? Instructions { get; init; }

    [Id(8)]
    public string? TranscriptionModel { get; init; }
}
