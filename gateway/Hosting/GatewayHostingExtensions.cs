using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Authentication;
using Orleans.Configuration;
using Orleans.Dashboard;
using StackExchange.Redis;
using VoiceHelper.Gateway.Auth;
using VoiceHelper.Gateway.Errors;
using VoiceHelper.Gateway.Json;
using VoiceHelper.Hosting;

namespace VoiceHelper.Gateway.Hosting;

/// <summary>The gateway's service registrations, one method per concern.</summary>
public static class GatewayHostingExtensions
{
    /// <summary>Listens on the configured HTTP and HTTPS addresses.</summary>
    public static WebApplicationBuilder AddGatewayEndpoints(this WebApplicationBuilder builder, GatewayOptions options)
    {
        OptionsValidation.ThrowIfInvalid(options, GatewayOptions.SectionName);
        X509Certificate2? certificate = null;
        if (!string.IsNullOrWhiteSpace(options.CertificatePath))
        {
            certificate = LoadCertificate(options.CertificatePath, options.CertificateKeyPath);
        }

        string?[] urls = [options.HttpUrl, certificate is null ? null : options.HttpsUrl];
        var chosen = urls.Where(url => !string.IsNullOrWhiteSpace(url)).ToArray();
        if (chosen.Length == 0)
        {
            throw new InvalidOperationException(
                "The gateway has no address to listen on. Set Gateway:HttpUrl, or Gateway:HttpsUrl with Gateway:CertificatePath.");
        }

        builder.WebHost.UseUrls(chosen!);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
            if (certificate is not null)
            {
                kestrel.ConfigureHttpsDefaults(https => https.ServerCertificate = certificate);
            }
        });

        return builder;
    }

    /// <summary>Connects to the cluster as an Orleans client, retrying until a silo responds.</summary>
    public static WebApplicationBuilder AddGatewayOrleansClient(this WebApplicationBuilder builder)
    {
        var cluster = builder.Configuration.GetSection(OrleansClusterOptions.SectionName).Get<OrleansClusterOptions>()
            ?? new OrleansClusterOptions();
        OptionsValidation.ThrowIfInvalid(cluster, OrleansClusterOptions.SectionName);
        var redis = ConnectionStringNames.GetRequired(builder.Configuration, ConnectionStringNames.Redis);

        // The web server must serve /health/live (and report not ready) while the client still waits for a silo.
        // A short shutdown timeout keeps Ctrl+C quick when the silos are already gone and the client cannot say goodbye.
        builder.Services.Configure<HostOptions>(options =>
        {
            options.ServicesStartConcurrently = true;
            options.ShutdownTimeout = TimeSpan.FromSeconds(5);
        });
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(options =>
            {
                options.ClusterId = cluster.ClusterId;
                options.ServiceId = cluster.ServiceId;
            });
            client.Configure<Orleans.Configuration.GatewayOptions>(options => options.GatewayListRefreshPeriod = cluster.GatewayListRefreshPeriod);
            client.UseRedisClustering(options => options.ConfigurationOptions = ConfigurationOptions.Parse(redis));
            client.UseConnectionRetryFilter<ClusterConnectionRetryFilter>();
            client.AddActivityPropagation();
            client.AddDashboard();
        });
        builder.Services.AddSingleton<ClusterClientReadiness>();
        builder.Services.AddHealthChecks()
            .AddCheck<ClusterHealthCheck>("orleans", tags: [ServiceDefaults.ReadyTag], timeout: TimeSpan.FromSeconds(5));
        return builder;
    }

    /// <summary>Adds API key authentication, the admin policy, problem details and the public JSON shape.</summary>
    public static WebApplicationBuilder AddGatewayApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ApiKeyStore>();
        builder.Services.AddAuthentication(ApiKeyDefaults.Scheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyDefaults.Scheme, null);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(ApiKeyDefaults.AdminPolicy, policy => policy.RequireRole(ApiKeyDefaults.AdminRole));

        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
            context.ProblemDetails.Extensions.TryAdd("trace_id", context.HttpContext.TraceIdentifier));
        builder.Services.AddExceptionHandler<ExceptionProblemHandler>();
        builder.Services.ConfigureHttpJsonOptions(options => JsonDefaults.Apply(options.SerializerOptions));
        return builder;
    }

    private static X509Certificate2 LoadCertificate(string certificatePath, string? keyPath)
    {
        if (!File.Exists(certificatePath))
        {
            throw new InvalidOperationException(
                $"Gateway:CertificatePath '{certificatePath}' does not exist. Point it at a PEM certificate, or unset it to serve plain HTTP only.");
        }

        return X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
    }
}
