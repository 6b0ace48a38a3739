using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Orleans.Configuration;
using Orleans.Dashboard;
using StackExchange.Redis;
using VoiceHelper.Gateway.Auth;
using VoiceHelper.Gateway.Conversations;
using VoiceHelper.Gateway.Errors;
using VoiceHelper.Gateway.Json;
using VoiceHelper.Gateway.Knowledge;
using VoiceHelper.Gateway.Realtime;
using VoiceHelper.Gateway.Rpc;
using VoiceHelper.Hosting;

namespace VoiceHelper.Gateway.Hosting;

/// <summary>The gateway's service registrations, one method per concern.</summary>
public static class GatewayHostingExtensions
{
    /// <summary>
    /// Listens on the configured addresses: plain HTTP/1.1, HTTPS with HTTP/1.1 and HTTP/2 chosen by ALPN, and plain
    /// HTTP/2 for gRPC clients without TLS.
    /// </summary>
    public static WebApplicationBuilder AddGatewayEndpoints(this WebApplicationBuilder builder, GatewayOptions options)
    {
        OptionsValidation.ThrowIfInvalid(options, GatewayOptions.SectionName);
        ThrowIfGrpcUrlIsNotPlainHttp(options.GrpcUrl);
        X509Certificate2? certificate = null;
        if (!string.IsNullOrWhiteSpace(options.CertificatePath))
        {
            certificate = LoadCertificate(options.CertificatePath, options.CertificateKeyPath);
        }

        var endpoints = DescribeEndpoints(options, serveHttps: certificate is not null);
        if (endpoints.Count == 0)
        {
            throw new InvalidOperationException(
                "The gateway has no address to listen on. Set Gateway:HttpUrl, Gateway:GrpcUrl, " +
                "or Gateway:HttpsUrl with Gateway:CertificatePath.");
        }

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
            if (certificate is not null)
            {
                kestrel.ConfigureHttpsDefaults(https => https.ServerCertificate = certificate);
            }

            // Kestrel's own configuration loader parses the URLs as UseUrls does (localhost, *, IPv6, unix:),
            // and unlike UseUrls it sets the protocols of each endpoint. It replaces the loader of the Kestrel
            // configuration section, so the Gateway settings are the only way to set the addresses.
            kestrel.Configure(new ConfigurationBuilder().AddInMemoryCollection(endpoints).Build());
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

    /// <summary>
    /// Adds the gRPC services' infrastructure: failures mapped to statuses for every service, the cluster
    /// connection check for services that call grains, and server reflection.
    /// </summary>
    public static WebApplicationBuilder AddGatewayGrpc(this WebApplicationBuilder builder)
    {
        builder.Services.AddGrpc(options =>
        {
            options.Interceptors.Add<RpcExceptionInterceptor>();
            // The default, stated because knowledge.proto promises it to clients as the largest Ingest chunk.
            options.MaxReceiveMessageSize = 4 * 1024 * 1024;
        })
            .AddServiceOptions<KnowledgeRpcService>(options => options.Interceptors.Add<ClusterConnectionInterceptor>())
            .AddServiceOptions<ConversationRpcService>(options => options.Interceptors.Add<ClusterConnectionInterceptor>())
            .AddServiceOptions<VoiceRpcService>(options => options.Interceptors.Add<ClusterConnectionInterceptor>());
        builder.Services.AddGrpcReflection();
        return builder;
    }

    private static Dictionary<string, string?> DescribeEndpoints(GatewayOptions options, bool serveHttps)
    {
        var endpoints = new Dictionary<string, string?>();
        void Add(string name, string? url, HttpProtocols protocols)
        {
            if (!string.IsNullOrWhiteSpace(url))
            {
                endpoints[$"Endpoints:{name}:Url"] = url;
                endpoints[$"Endpoints:{name}:Protocols"] = protocols.ToString();
            }
        }

        Add("Http", options.HttpUrl, HttpProtocols.Http1);
        Add("Https", serveHttps ? options.HttpsUrl : null, HttpProtocols.Http1AndHttp2);
        Add("Grpc", options.GrpcUrl, HttpProtocols.Http2);
        return endpoints;
    }

    private static void ThrowIfGrpcUrlIsNotPlainHttp(string? grpcUrl)
    {
        if (!string.IsNullOrWhiteSpace(grpcUrl) && !grpcUrl.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                $"Gateway:GrpcUrl is '{grpcUrl}', but it must be a plain http:// address. " +
                "gRPC over TLS is served on Gateway:HttpsUrl; set Gateway:GrpcUrl to empty to turn plain-text gRPC off.");
        }
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
