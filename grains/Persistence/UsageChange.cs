namespace VoiceHelper.Grains.Persistence;

/// <summary>One change to a tenant's usage: what the counters in <c>tenant_usage</c> grow by.</summary>
internal readonly record struct UsageChange(
    UsageKind Kind,
    int Turns = 0,
    long CharactersIn = 0,
    long CharactersOut = 0,
    double AudioSeconds = 0,
    double AudioSecondsOut = 0);
