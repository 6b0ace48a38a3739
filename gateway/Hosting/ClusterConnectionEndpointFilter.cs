namespace VoiceHelper.Gateway.Hosting;

/// <summary>Endpoint conventions for endpoints that call grains.</summary>
public static class ClusterConnectionEndpointFilter
{
    /// <summary>Answers 503 before the handler runs while the Orleans client has not connected.</summary>
    public static TBuilder RequireClusterConnection<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            context.HttpContext.RequestServices.GetRequiredService<ClusterClientReadiness>().ThrowIfNotConnected();
            return await next(context);
        });
}
