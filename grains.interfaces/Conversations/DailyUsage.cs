namespace VoiceHelper.Grains.Conversations;

/// <summary>
/// A tenant's usage on one UTC calendar day, summed from the usage events: stored turns of both roles, characters of
/// user turns (in) and of assistant turns (out), seconds of recognized audio (in) and of synthesized audio (out).
/// </summary>
[GenerateSerializer, Immutable, Alias("VoiceHelper.DailyUsage")]
public sealed record DailyUsage(
    [property: Id(0)] DateOnly Day,
    [property: Id(1)] long Turns,
    [property: Id(2)] long CharactersIn,
    [property: Id(3)] long CharactersOut,
    [property: Id(4)] double AudioSeconds,
    [property: Id(5)] double AudioSecondsOut);
