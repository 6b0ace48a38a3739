using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace VoiceHelper.Hosting;

/// <summary>
/// What every VoiceHelper process shares: OpenTelemetry metrics and traces with a Prometheus endpoint,
/// the PostgreSQL data source, and the <c>/health/live</c> and <c>/health/ready</c> endpoints.
/// Compiled into both the silo and the gateway.
/// </summary>
public static class ServiceDefaults
{
    /// <summary>The tag of health checks that must pass before a process takes traffic.</summary>
    public const string ReadyTag = "ready";

    /// <summary>
    /// Adds telemetry, the PostgreSQL data source and its readiness check. Traces go to an OTLP collector
    /// only when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.
    /// </summary>
    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder, string serviceName)
    {
        builder.Logging.Configure(options => options.ActivityTrackingOptions =
            ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);

        var postgres = ConnectionStringNames.GetRequired(builder.Configuration, ConnectionStringNames.Postgres);
        builder.Services.AddSingleton(_ => new NpgsqlDataSourceBuilder(postgres).Build());

        builder.Services.AddHealthChecks()
            .AddCheck<PostgresHealthCheck>("postgres", tags: [ReadyTag], timeout: TimeSpan.FromSeconds(3));

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithMetrics(metrics => metrics
                .AddMeter("Microsoft.Orleans")
                // VoiceHelper's own meters, such as VoiceHelper.Knowledge (ingestion).
                .AddMeter("VoiceHelper.*")
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddPrometheusExporter())
            .WithTracing(tracing => tracing
                .AddSource("Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application")
                .AddAspNetCoreInstrumentation(options => options.Filter = IsNotProbe)
                .AddNpgsql());

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry.UseOtlpExporter();
        }

        return builder;
    }

    /// <summary>Maps <c>/health/live</c>, <c>/health/ready</c> and <c>/metrics</c>.</summary>
    public static WebApplication MapServiceDefaults(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag),
        });
        app.MapPrometheusScrapingEndpoint("/metrics");
        return app;
    }

    private static bool IsNotProbe(HttpContext context) =>
        !context.Request.Path.StartsWithSegments("/health") && !context.Request.Path.StartsWithSegments("/metrics");
}
