using Orleans.Dashboard;
using VoiceHelper.Gateway.Auth;
using VoiceHelper.Gateway.Conversations;
using VoiceHelper.Gateway.Errors;
using VoiceHelper.Gateway.Hosting;
using VoiceHelper.Gateway.Keys;
using VoiceHelper.Gateway.Knowledge;
using VoiceHelper.Gateway.Logging;
using VoiceHelper.Gateway.OpenAI;
using VoiceHelper.Gateway.Realtime;
using VoiceHelper.Gateway.Retention;
using VoiceHelper.Gateway.Speech;
using VoiceHelper.Gateway.Usage;
using VoiceHelper.Hosting;

var builder = WebApplication.CreateBuilder(args);
if (args.Length > 0 && args[0] == KeyCommand.Verb)
{
    return await KeyCommand.RunAsync(args, builder.Configuration);
}

var gateway = builder.Configuration.GetSection(GatewayOptions.SectionName).Get<GatewayOptions>() ?? new GatewayOptions();
builder.AddGatewayEndpoints(gateway);
builder.AddServiceDefaults("voicehelper-gateway");
builder.AddGatewayOrleansClient();
builder.AddGatewayApi();
builder.AddGatewayGrpc();
builder.Services.AddOpenAIEndpoints();
builder.Services.AddRealtimeEndpoint(builder.Configuration);

var app = builder.Build();
if (string.IsNullOrWhiteSpace(gateway.CertificatePath))
{
    GatewayLog.TlsDisabled(app.Logger);
}

app.UseExceptionHandler();
app.UseStatusCodePages(context => StatusCodeProblems.WriteAsync(context.HttpContext));
app.UseWebPage();
app.UseAuthentication();
app.UseAuthorization();
app.UseWebSockets();

app.MapServiceDefaults();
app.MapOrleansDashboard(ApiKeyAuthenticationHandler.DashboardPath).RequireAuthorization(ApiKeyDefaults.AdminPolicy);
app.MapConversationEndpoints();
app.MapKeyEndpoints();
app.MapKnowledgeBaseEndpoints();
app.MapOpenAIEndpoints();
app.MapUsageEndpoints();
app.MapRetentionEndpoints();
app.MapSpeechEndpoints();
app.MapRealtimeEndpoint();
app.MapGrpcService<KnowledgeRpcService>().RequireAuthorization();
app.MapGrpcService<ConversationRpcService>().RequireAuthorization();
app.MapGrpcService<KeyRpcService>().RequireAuthorization(ApiKeyDefaults.AdminPolicy);
app.MapGrpcService<VoiceRpcService>().RequireAuthorization();
// Reflection describes only the public contract in protos/, so it needs no API key.
app.MapGrpcReflectionService();

await app.RunAsync();
return 0;
