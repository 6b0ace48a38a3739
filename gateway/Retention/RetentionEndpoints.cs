using VoiceHelper.Gateway.Auth;
using VoiceHelper.Gateway.Hosting;
using VoiceHelper.Grains.Retention;

namespace VoiceHelper.Gateway.Retention;

/// <summary>
/// <c>POST /api/v1/retention/run</c>: runs the cluster's retention job now and returns what it deleted, and
/// <c>GET /api/v1/retention</c>: the result of the last run. Both need an administrator key.
/// </summary>
/// <remarks>
/// The job applies the configured windows to the data of every tenant, so an administrator of any tenant can run
/// it. It deletes nothing that the next scheduled run would not delete.
/// </remarks>
public static class RetentionEndpoints
{
    public static IEndpointRouteBuilder MapRetentionEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/retention")
            .RequireAuthorization(ApiKeyDefaults.AdminPolicy)
            .RequireClusterConnection();
        group.MapPost("/run", RunAsync);
        group.MapGet("/", GetLastRunAsync);
        return endpoints;
    }

    private static async Task<IResult> RunAsync(IClusterClient cluster) =>
        TypedResults.Ok(await cluster.GetGrain<IRetentionGrain>(IRetentionGrain.ClusterKey).RunAsync());

    private static async Task<IResult> GetLastRunAsync(IClusterClient cluster) =>
        TypedResults.Ok(new RetentionStatus(
            await cluster.GetGrain<IRetentionGrain>(IRetentionGrain.ClusterKey).GetLastRunAsync()));
}

/// <summary>The body of <c>GET /api/v1/retention</c>: the last finished run, or null before the first one.</summary>
public sealed record RetentionStatus(RetentionRunResult? LastRun);
