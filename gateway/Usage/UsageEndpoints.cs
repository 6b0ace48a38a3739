using System.Globalization;
using System.Security.Claims;
using VoiceHelper.Gateway.Auth;
using VoiceHelper.Gateway.Errors;
using VoiceHelper.Gateway.Hosting;
using VoiceHelper.Grains.Conversations;

namespace VoiceHelper.Gateway.Usage;

/// <summary>
/// <c>GET /api/v1/usage</c>: the caller's tenant's usage counters, and <c>GET /api/v1/usage/daily</c>: its usage per
/// UTC day.
/// </summary>
public static class UsageEndpoints
{
    /// <summary>The days that <c>/api/v1/usage/daily</c> returns when the request names no start day.</summary>
    public const int DefaultDays = 30;

    /// <summary>The maximum days of one request, about ten years, the longest <c>Retention:UsageEvents</c> allows.</summary>
    public const int MaxDays = 3660;

    /// <summary>The earliest day that <c>from</c> and <c>to</c> accept.</summary>
    public static readonly DateOnly EarliestDay = new(1970, 1, 1);

    /// <summary>The latest day that <c>from</c> and <c>to</c> accept.</summary>
    public static readonly DateOnly LatestDay = new(9999, 12, 30);

    public static IEndpointRouteBuilder MapUsageEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/v1/usage", GetAsync).RequireAuthorization().RequireClusterConnection();
        endpoints.MapGet("/api/v1/usage/daily", GetDailyAsync).RequireAuthorization().RequireClusterConnection();
        return endpoints;
    }

    private static async Task<IResult> GetAsync(ClaimsPrincipal user, IClusterClient cluster) =>
        TypedResults.Ok(await cluster.GetGrain<ITenantConversationsGrain>(user.GetTenantId()).GetUsageAsync());

    private static async Task<IResult> GetDailyAsync(
        string? from, string? to, ClaimsPrincipal user, IClusterClient cluster, TimeProvider clock)
    {
        var (first, last) = ParseDayRange(from, to, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));

        var days = await cluster.GetGrain<ITenantConversationsGrain>(user.GetTenantId()).GetDailyUsageAsync(first, last);
        return TypedResults.Ok(new DailyUsageList(first, last, days));
    }

    /// <summary>
    /// Reads the <c>from</c> and <c>to</c> query parameters, both optional and included. <c>to</c> defaults to
    /// <paramref name="today"/> and <c>from</c> to <see cref="DefaultDays"/> days up to <c>to</c>.
    /// </summary>
    public static (DateOnly From, DateOnly To) ParseDayRange(string? from, string? to, DateOnly today)
    {
        var last = ParseDay("to", to) ?? today;
        var first = ParseDay("from", from) ?? last.AddDays(1 - DefaultDays);
        if (first > last)
        {
            throw ApiProblemException.InvalidField("from",
                $"Query parameter 'from' is {first:yyyy-MM-dd}, after 'to' ({last:yyyy-MM-dd}). Swap them, or leave out " +
                "'from' to get the 30 days that end on 'to'.");
        }

        if (last.DayNumber - first.DayNumber + 1 > MaxDays)
        {
            throw ApiProblemException.InvalidField("from",
                $"The range from {first:yyyy-MM-dd} to {last:yyyy-MM-dd} covers more than {MaxDays} days. " +
                "Request a shorter range, in several requests if need be.");
        }

        return (first, last);
    }

    private static DateOnly? ParseDay(string name, string? value)
    {
        if (value is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            // The ends keep the arithmetic on the range (a default start, the day after the end) inside DateOnly.
            if (day < EarliestDay || day > LatestDay)
            {
                throw ApiProblemException.InvalidField(name,
                    $"Query parameter '{name}' is {day:yyyy-MM-dd}, outside the days that usage can have, " +
                    $"{EarliestDay:yyyy-MM-dd} to {LatestDay:yyyy-MM-dd}. Send a day in that range.");
            }

            return day;
        }

        var excerpt = value.Length > 40 ? value[..40] + "..." : value;
        throw ApiProblemException.InvalidField(name,
            $"Query parameter '{name}' is '{excerpt}', which is not a day in the form YYYY-MM-DD. Send a UTC calendar day such as 2026-01-31.");
    }
}

/// <summary>The body of <c>GET /api/v1/usage/daily</c>: the day range, and one entry per day that had usage.</summary>
public sealed record DailyUsageList(DateOnly From, DateOnly To, IReadOnlyList<DailyUsage> Days);
