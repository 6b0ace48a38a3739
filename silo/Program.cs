using System.Net;
using Orleans.Configuration;
using Orleans.Dashboard;
using StackExchange.Redis;
using VoiceHelper.Grains;
using VoiceHelper.Grains.Knowledge;
using VoiceHelper.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.WebHost.UseUrls(builder.Configuration["Silo:Urls"] ?? "http://127.0.0.1:8090");
builder.AddServiceDefaults("voicehelper-silo");

var cluster = builder.Configuration.GetSection(OrleansClusterOptions.SectionName).Get<OrleansClusterOptions>()
    ?? new OrleansClusterOptions();
OptionsValidation.ThrowIfInvalid(cluster, OrleansClusterOptions.SectionName);
var postgres = ConnectionStringNames.GetRequired(builder.Configuration, ConnectionStringNames.Postgres);
var redis = ConnectionStringNames.GetRequired(builder.Configuration, ConnectionStringNames.Redis);

builder.UseOrleans(silo =>
{
    silo.Configure<ClusterOptions>(options =>
    {
        options.ClusterId = cluster.ClusterId;
        options.ServiceId = cluster.ServiceId;
    });
    silo.ConfigureEndpoints(
        IPAddress.Parse(cluster.AdvertisedAddress), cluster.SiloPort, cluster.GatewayPort, listenOnAnyHostAddress: true);
    silo.UseRedisClustering(options => options.ConfigurationOptions = ConfigurationOptions.Parse(redis));
    silo.Configure<ClusterMembershipOptions>(options =>
    {
        options.ProbeTimeout = cluster.ProbeTimeout;
        options.TableRefreshTimeout = cluster.ProbeTimeout;
    });
    silo.AddVoiceHelperStorage(postgres);
    silo.AddActivityPropagation();
    silo.AddDashboard();
});

builder.Services.AddVoiceHelperGrainServices();
builder.Services.AddVoiceHelperKnowledge(builder.Configuration);
builder.Services.AddVoiceHelperConversations(builder.Configuration);
builder.Services.AddHostedService<IngestionResumer>();
builder.Services.AddHealthChecks().AddCheck<SiloActiveHealthCheck>("silo", tags: [ServiceDefaults.ReadyTag]);

var app = builder.Build();
app.MapServiceDefaults();
app.Run();
