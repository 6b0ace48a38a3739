using System.Globalization;
using Microsoft.Extensions.Options;
using VoiceHelper.Gateway.Auth;
using VoiceHelper.Gateway.Errors;
using VoiceHelper.Gateway.Hosting;

namespace VoiceHelper.Gateway.Realtime;

/// <summary>
/// <c>GET /v1/realtime</c>: the OpenAI Realtime API over WebSocket. The query names the knowledge base as
/// <c>model</c>, optionally an existing <c>conversation_id</c> to continue, and with it <c>voicehelper_last_seq</c>
/// to resume after a dropped connection.
/// </summary>
public static class RealtimeEndpoint
{
    /// <summary>Adds the realtime settings, validated at start.</summary>
    public static IServiceCollection AddRealtimeEndpoint(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RealtimeOptions>()
            .Bind(configuration.GetSection(RealtimeOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        return services;
    }

    public static IEndpointRouteBuilder MapRealtimeEndpoint(this IEndpointRouteBuilder endpoints)
    {
        endpoints.Map(RealtimeProtocol.Path, ConnectAsync).RequireAuthorization().RequireClusterConnection();
        return endpoints;
    }

    private static async Task ConnectAsync(
        HttpContext context, IClusterClient cluster, IOptions<RealtimeOptions> options, ILoggerFactory loggers)
    {
        var request = context.Request;
        if (!context.WebSockets.IsWebSocketRequest)
        {
            throw new ApiProblemException(StatusCodes.Status400BadRequest, ProblemCodes.BadRequest,
                $"{RealtimeProtocol.Path} speaks the OpenAI Realtime API over WebSocket. Connect with a WebSocket client " +
                "to wss://HOST/v1/realtime?model=KNOWLEDGE_BASE.");
        }

        CheckOrigin(request, options.Value);
        var model = request.Query["model"].ToString();
        var opened = await RealtimeSessions.OpenAsync(request, cluster, context.User.GetTenantId(), model,
            request.Query["conversation_id"].ToString(), ReadLastSequence(request));
        var offered = RealtimeProtocol.SubProtocols(request).ToList();
        using var socket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
        {
            SubProtocol = offered.Contains(RealtimeProtocol.SubProtocol) ? RealtimeProtocol.SubProtocol : null,
            KeepAliveInterval = options.Value.KeepAliveInterval,
            KeepAliveTimeout = options.Value.KeepAliveTimeout,
        });

        var writer = new RealtimeEventWriter(opened.Model, RealtimeProtocol.WantsBeta(request));
        var logger = loggers.CreateLogger(typeof(RealtimeConnection));
        await new RealtimeConnection(socket, opened.Session, opened.Connection, writer, options.Value, opened.ConversationId, logger)
            .RunAsync(context.RequestAborted);
    }

    private static void CheckOrigin(HttpRequest request, RealtimeOptions options)
    {
        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0 && !IsSameHost(origin, request) && !options.AllowsOrigin(origin))
        {
            throw new ApiProblemException(StatusCodes.Status403Forbidden, ProblemCodes.OriginNotAllowed,
                $"Pages from origin '{origin}' may not connect. An operator can add it to Realtime:AllowedOrigins.");
        }
    }

    // The gateway's own web page sends an Origin whose host and port are the request's Host, so it may always connect.
    // Comparing the authority and not the scheme keeps the page working behind a proxy that ends TLS.
    private static bool IsSameHost(string origin, HttpRequest request) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri)
        && request.Host.HasValue
        && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);

    private static long? ReadLastSequence(HttpRequest request)
    {
        var text = request.Query["voicehelper_last_seq"].ToString();
        if (text.Length == 0)
        {
            return null;
        }

        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
        {
            throw ApiProblemException.InvalidField("voicehelper_last_seq",
                $"Query parameter 'voicehelper_last_seq' is '{text}', but must be the voicehelper_seq of the last event " +
                "the client processed, a whole number of at least 0.");
        }

        return sequence;
    }
}
