namespace VoiceHelper.Grains;

/// <summary>Time helpers for values that PostgreSQL stores.</summary>
internal static class TimeExtensions
{
    /// <summary>Drops sub-microsecond ticks, so a timestamp returned now equals the one PostgreSQL reads back later.</summary>
    public static DateTimeOffset TruncateToMicroseconds(this DateTimeOffset value) =>
        value.AddTicks(-(value.Ticks % TimeSpan.TicksPerMicrosecond));
}
