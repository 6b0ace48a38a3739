using System.Globalization;
using Microsoft.Extensions.Options;
using VoiceHelper.Gateway.Auth;
using VoiceHelper.Gateway.Errors;
using VoiceHelper.Gateway.Hosting;
using VoiceHelper.Gateway.OpenAI;
using VoiceHelper.Grains.Conversations;
using VoiceHelper.Grains.Voice;

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
        var tenantId = context.User.GetTenantId();
        var model = request.Query["model"].ToString();
        var knowledgeBase = await KnowledgeBaseResolver.ResolveAsync(request, model, tenantId, cluster);
        var resumeAfter = ReadLastSequence(request);
        var conversationId = await OpenConversationAsync(request, cluster, tenantId, knowledgeBase.Id, resumeAfter is not null);

        var session = cluster.GetGrain<IVoiceSessionGrain>(conversationId);
        var connection = await session.ConnectAsync(new VoiceConnectRequest(tenantId, resumeAfter));
        var offered = RealtimeProtocol.SubProtocols(request).ToList();
        using var socket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
        {
            SubProtocol = offered.Contains(RealtimeProtocol.SubProtocol) ? RealtimeProtocol.SubProtocol : null,
            KeepAliveInterval = options.Value.KeepAliveInterval,
            KeepAliveTimeout = options.Value.KeepAliveTimeout,
        });

        var writer = new RealtimeEventWriter(string.IsNullOrWhiteSpace(model) ? knowledgeBase.Name : model, RealtimeProtocol.WantsBeta(request));
        var logger = loggers.CreateLogger(typeof(RealtimeConnection));
        await new RealtimeConnection(socket, session, connection, writer, options.Value, conversationId, logger)
            .RunAsync(context.RequestAborted);
    }

    private static void CheckOrigin(HttpRequest request, RealtimeOptions options)
    {
        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0 && !options.AllowsOrigin(origin))
        {
            throw new ApiProblemException(StatusCodes.Status403Forbidden, ProblemCodes.OriginNotAllowed,
                $"Pages from origin '{origin}' may not connect. An operator can add it to Realtime:AllowedOrigins.");
        }
    }

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

        if (request.Query["conversation_id"].ToString().Length == 0)
        {
            throw ApiProblemException.InvalidField("conversation_id",
                "Query parameter 'voicehelper_last_seq' needs 'conversation_id', the conversation to resume, from " +
                "session.voicehelper.conversation_id of session.created.");
        }

        return sequence;
    }

    // Continues the named conversation, switching it to the model's knowledge base, or starts a new one.
    private static async Task<Guid> OpenConversationAsync(
        HttpRequest request, IClusterClient cluster, Guid tenantId, Guid knowledgeBaseId, bool resuming)
    {
        var text = request.Query["conversation_id"].ToString();
        if (text.Length == 0)
        {
            var created = await cluster.GetGrain<IConversationGrain>(Guid.NewGuid())
                .CreateAsync(tenantId, new ConversationSettings(Title: "Voice session", KnowledgeBaseId: knowledgeBaseId));
            return created.Id;
        }

        if (!Guid.TryParse(text, out var conversationId))
        {
            throw ApiProblemException.InvalidField("conversation_id",
                $"Query parameter 'conversation_id' is '{text}', which is not a conversation id (a UUID).");
        }

        var conversation = cluster.GetGrain<IConversationGrain>(conversationId);
        var summary = await conversation.GetAsync(tenantId);
        if (!resuming && summary.KnowledgeBaseId != knowledgeBaseId)
        {
            await conversation.UpdateAsync(tenantId, new ConversationSettings(KnowledgeBaseId: knowledgeBaseId));
        }

        return conversationId;
    }
}
