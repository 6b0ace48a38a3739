namespace VoiceHelper.Grains.Conversations;

/// <summary>
/// A tenant's usage since it was created: stored turns of both roles, characters of user turns (in) and of
/// assistant turns (out), seconds of recognized audio (in) and seconds of synthesized audio (out).
/// </summary>
[GenerateSerializer, Immutable, Alias("VoiceHelper.TenantUsage")]
public sealed record TenantUsage(
    [property: Id(0)] long Turns,
    [property: Id(1)] long CharactersIn,
    [property: Id(2)] long CharactersOut,
    [property: Id(3)] double AudioSeconds,
    [property: Id(4)] DateTimeOffset? UpdatedAt,
    [property: Id(5)] double AudioSecondsOut = 0);
