using System.Net;
using Orleans.Configuration;
using Orleans.Dashboard;
using Orleans.Runtime.MembershipService.SiloMetadata;
using StackExchange.Redis;
using VoiceHelper.Grains;
using VoiceHelper.Grains.Knowledge;
using VoiceHelper.Hosting;

var builder = WebApplication.CreateBuilder(args);
var host = builder.Configuration.GetSection(SiloHostOptions.SectionName).Get<SiloHostOptions>() ?? new SiloHostOptions();
OptionsValidation.ThrowIfInvalid(host, SiloHostOptions.SectionName);
OptionsValidation.ThrowIfInvalid(host.Accelerator, AcceleratorOptions.SectionName);
builder.WebHost.UseUrls(host.Urls);
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
    silo.UseSiloMetadata(host.Accelerator.ToSiloMetadata());
    if (host.KubernetesHosting)
    {
        silo.UseKubernetesHosting();
    }
});

builder.Services.AddVoiceHelperGrainServices();
builder.Services.AddVoiceHelperKnowledge(builder.Configuration);
builder.Services.AddVoiceHelperConversations(builder.Configuration);
builder.Services.AddVoiceHelperSpeech(builder.Configuration);
builder.Services.AddVoiceHelperVoiceSessions(builder.Configuration);
builder.Services.AddVoiceHelperRetention(builder.Configuration);
builder.Services.AddHostedService<IngestionResumer>();
builder.Services.AddHealthChecks().AddCheck<SiloActiveHealthCheck>("silo", tags: [ServiceDefaults.ReadyTag]);

var app = builder.Build();
SiloHostLog.SiloStarting(app.Logger, host.Accelerator.DeviceCount, host.KubernetesHosting);
app.MapServiceDefaults();
app.Run();
