using System.Security.Claims;
using VoiceHelper.Gateway.Auth;
using VoiceHelper.Gateway.Hosting;
using VoiceHelper.Grains.Conversations;

namespace VoiceHelper.Gateway.Usage;

/// <summary><c>GET /api/v1/usage</c>: the caller's tenant's usage counters.</summary>
public static class UsageEndpoints
{
    public static IEndpointRouteBuilder MapUsageEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/v1/usage", GetAsync).RequireAuthorization().RequireClusterConnection();
        return endpoints;
    }

    private static async Task<IResult> GetAsync(ClaimsPrincipal user, IClusterClient cluster) =>
        TypedResults.Ok(await cluster.GetGrain<ITenantConversationsGrain>(user.GetTenantId()).GetUsageAsync());
}
