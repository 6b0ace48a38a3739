using System.Globalization;

namespace VoiceHelper.Gateway.Errors;

/// <summary>Formats the <c>Retry-After</c> header of RFC 9110, section 10.2.3.</summary>
public static class RetryAfterHeader
{
    /// <summary>Returns the delay in whole seconds, rounded up so that a client never retries too early.</summary>
    public static string Seconds(TimeSpan delay) =>
        ((long)Math.Ceiling(Math.Max(delay.TotalSeconds, 0))).ToString(CultureInfo.InvariantCulture);
}
