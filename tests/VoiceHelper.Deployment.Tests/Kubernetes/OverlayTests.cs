using System.Globalization;
using k8s;
using VoiceHelper.Deployment.Tests.Infrastructure;

namespace VoiceHelper.Deployment.Tests.Kubernetes;

/// <summary>
/// Renders the dev, staging and production overlays with kubectl, validates every object against the Kubernetes
/// schemas, and checks what must differ between the environments.
/// </summary>
[Trait("Category", "Unit")]
public sealed class OverlayTests
{
    private static readonly string[] Pools = ["voicehelper-silo-cpu", "voicehelper-silo-gpu", "voicehelper-gateway"];

    public static TheoryData<string> Environments => new() { "dev", "staging", "production" };

    public static TheoryData<string, string> PoolsOfProduction
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var pool in Pools)
            {
                data.Add("production", pool);
            }

            return data;
        }
    }

    [KubernetesSchemaTheory]
    [MemberData(nameof(Environments))]
    public async Task Overlay_EveryObject_JsonSchemaValid(string environment)
    {
        var manifests = await LoadAsync(environment);

        var failures = await KubernetesSchema.ValidateAsync(YamlJson.ConvertAll(manifests.Yaml));

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [RequiresToolsTheory("kubectl")]
    [MemberData(nameof(Environments))]
    public async Task Overlay_EveryObject_HasNoUnknownFields(string environment)
    {
        var manifests = await LoadAsync(environment);

        var exception = Record.Exception(() => KubernetesYaml.LoadAllFromString(manifests.Yaml, typeMap: null, strict: true));

        Assert.True(exception is null, KubernetesSchema.Describe(exception));
    }

    [RequiresToolsTheory("kubectl")]
    [InlineData("dev", "voicehelper-dev")]
    [InlineData("staging", "voicehelper-staging")]
    [InlineData("production", "voicehelper")]
    public async Task Overlay_EveryObject_InEnvironmentNamespace(string environment, string expected)
    {
        var manifests = await LoadAsync(environment);

        var outside = manifests.Objects
            .Where(item => item.TextAt("kind") != "Namespace" && item.TextAt("metadata", "namespace") != expected)
            .Select(item => $"{item.TextAt("kind")} {item.TextAt("metadata", "name")}");

        Assert.Equal(expected, manifests.Single("Namespace", expected).TextAt("metadata", "name"));
        Assert.Empty(outside);
    }

    [RequiresToolsTheory("kubectl")]
    [InlineData("voicehelper-silo-cpu")]
    [InlineData("voicehelper-silo-gpu")]
    [InlineData("voicehelper-gateway")]
    public async Task Replicas_Production_MoreThanStagingAndDev(string deployment)
    {
        var dev = Replicas(await LoadAsync("dev"), deployment);
        var staging = Replicas(await LoadAsync("staging"), deployment);
        var production = Replicas(await LoadAsync("production"), deployment);

        Assert.True(production > staging, $"{deployment}: production runs {production} replicas, staging {staging}.");
        Assert.True(staging >= dev, $"{deployment}: staging runs {staging} replicas, dev {dev}.");
    }

    [RequiresToolsTheory("kubectl")]
    [InlineData("voicehelper-silo-cpu")]
    [InlineData("voicehelper-gateway")]
    public async Task Autoscaling_ProductionMinimum_AtLeastItsReplicas(string name)
    {
        var manifests = await LoadAsync("production");

        var minimum = Number(manifests.Single("HorizontalPodAutoscaler", name).TextAt("spec", "minReplicas"));
        var staging = Number((await LoadAsync("staging")).Single("HorizontalPodAutoscaler", name).TextAt("spec", "minReplicas"));

        Assert.Equal(Replicas(manifests, name), minimum);
        Assert.True(minimum > staging, $"{name}: production scales from {minimum}, staging from {staging}.");
    }

    [RequiresToolsTheory("kubectl")]
    [InlineData("dev", 0)]
    [InlineData("staging", 1)]
    [InlineData("production", 2)]
    public async Task GpuPool_Size_PerEnvironment(string environment, int expected)
    {
        var manifests = await LoadAsync(environment);

        Assert.Equal(expected, Replicas(manifests, "voicehelper-silo-gpu"));
    }

    [RequiresToolsTheory("kubectl")]
    [MemberData(nameof(PoolsOfProduction))]
    public async Task DisruptionBudget_Production_CoversPool(string environment, string deployment)
    {
        var manifests = await LoadAsync(environment);
        var podLabels = manifests.Single("Deployment", deployment).MappingAt("spec", "template", "metadata", "labels");

        var budget = manifests.Single("PodDisruptionBudget", deployment);
        var selector = budget.MappingAt("spec", "selector", "matchLabels");

        Assert.NotEmpty(selector);
        Assert.All(selector, entry => Assert.Equal(entry.Value, podLabels.GetValueOrDefault(entry.Key)));
    }

    [RequiresToolsTheory("kubectl")]
    [InlineData("voicehelper-silo-cpu")]
    [InlineData("voicehelper-gateway")]
    public async Task DisruptionBudget_Production_KeepsTwoPods(string deployment)
    {
        var budget = (await LoadAsync("production")).Single("PodDisruptionBudget", deployment);

        Assert.Equal("2", budget.TextAt("spec", "minAvailable"));
        Assert.Null(budget.At("spec", "maxUnavailable"));
    }

    [RequiresToolsFact("kubectl")]
    public async Task DisruptionBudget_Dev_None()
    {
        var manifests = await LoadAsync("dev");

        Assert.Empty(manifests.OfKind("PodDisruptionBudget"));
    }

    [RequiresToolsTheory("kubectl")]
    [MemberData(nameof(PoolsOfProduction))]
    public async Task AntiAffinity_Production_SpreadsPoolAcrossNodes(string environment, string deployment)
    {
        var deploymentObject = (await LoadAsync(environment)).Single("Deployment", deployment);
        var podLabels = deploymentObject.MappingAt("spec", "template", "metadata", "labels");
        var antiAffinity = deploymentObject.At("spec", "template", "spec", "affinity", "podAntiAffinity");

        var terms = antiAffinity.SequenceAt("requiredDuringSchedulingIgnoredDuringExecution")
            .Concat(antiAffinity.SequenceAt("preferredDuringSchedulingIgnoredDuringExecution").Select(term => term.At("podAffinityTerm")))
            .Where(term => term.TextAt("topologyKey") == "kubernetes.io/hostname")
            .ToList();

        var term = Assert.Single(terms);
        var selector = term.MappingAt("labelSelector", "matchLabels");
        Assert.NotEmpty(selector);
        Assert.All(selector, entry => Assert.Equal(entry.Value, podLabels.GetValueOrDefault(entry.Key)));
    }

    [RequiresToolsFact("kubectl")]
    public async Task AntiAffinity_ProductionGpuSilos_NeverShareNode()
    {
        var pod = (await LoadAsync("production")).Single("Deployment", "voicehelper-silo-gpu").At("spec", "template", "spec");

        var required = pod.SequenceAt("affinity", "podAntiAffinity", "requiredDuringSchedulingIgnoredDuringExecution");

        Assert.Contains(required, term => term.TextAt("topologyKey") == "kubernetes.io/hostname");
    }

    [RequiresToolsTheory("kubectl")]
    [InlineData("staging")]
    [InlineData("production")]
    public async Task Debug_StagingAndProduction_NoDebugSettings(string environment)
    {
        var manifests = await LoadAsync(environment);

        var debug = Settings(manifests)
            .Where(setting => IsDebugSetting(setting.Name, setting.Value))
            .Select(setting => $"{setting.Name}={setting.Value} ({setting.Source})")
            .ToList();

        Assert.True(debug.Count == 0, "Debug settings: " + string.Join(", ", debug));
    }

    [RequiresToolsFact("kubectl")]
    public async Task Debug_Dev_DebugLoggingOn()
    {
        var manifests = await LoadAsync("dev");

        var debug = Settings(manifests).Where(setting => IsDebugSetting(setting.Name, setting.Value)).ToList();

        Assert.Contains(debug, setting => setting.Name == "Logging__LogLevel__Default");
        Assert.Contains(debug, setting => setting.Name == "DOTNET_ENVIRONMENT");
    }

    [RequiresToolsTheory("kubectl")]
    [InlineData("staging")]
    [InlineData("production")]
    public async Task Secrets_StagingAndProduction_NotInRendering(string environment)
    {
        var manifests = await LoadAsync(environment);

        Assert.Null(manifests.Find("Secret", "voicehelper-secrets"));
    }

    [RequiresToolsTheory("kubectl")]
    [MemberData(nameof(Environments))]
    public async Task Images_EveryVoiceHelperImage_FromRegistryWithTag(string environment)
    {
        var manifests = await LoadAsync(environment);

        var images = manifests.VoiceHelperContainers.Select(entry => entry.Container.TextAt("image")!).ToList();

        Assert.NotEmpty(images);
        // A registry host, the voicehelper/ path, and an explicit tag.
        Assert.All(images, image => Assert.Matches(
            "^[a-z0-9.-]+(:[0-9]+)?/([a-z0-9._-]+/)*voicehelper/[a-z0-9-]+:[A-Za-z0-9_][A-Za-z0-9_.-]*$", image));
    }

    [RequiresToolsTheory("kubectl")]
    [InlineData("staging")]
    [InlineData("production")]
    public async Task Images_StagingAndProduction_NoDevOrLatestTag(string environment)
    {
        var manifests = await LoadAsync(environment);

        var tags = manifests.VoiceHelperContainers.Select(entry => entry.Container.TextAt("image")!.Split(':')[^1]).ToList();

        Assert.DoesNotContain("latest", tags);
        Assert.DoesNotContain("dev", tags);
    }

    [RequiresToolsFact("kubectl")]
    public async Task Ingress_HostAndTlsSecret_DifferPerEnvironment()
    {
        var ingresses = new List<Dictionary<object, object?>>();
        foreach (var environment in new[] { "dev", "staging", "production" })
        {
            ingresses.Add((await LoadAsync(environment)).Single("Ingress", "voicehelper-gateway"));
        }

        var hosts = ingresses.Select(ingress => ingress.SequenceAt("spec", "rules").Single().TextAt("host")).ToList();
        var secrets = ingresses.Select(ingress => ingress.SequenceAt("spec", "tls").Single().TextAt("secretName")).ToList();

        Assert.Equal(3, hosts.Distinct().Count());
        Assert.Equal(3, secrets.Distinct().Count());
    }

    [RequiresToolsTheory("kubectl")]
    [MemberData(nameof(Environments))]
    public async Task Ingress_TlsHost_EqualsRuleHost(string environment)
    {
        var ingress = (await LoadAsync(environment)).Single("Ingress", "voicehelper-gateway");

        var ruleHost = ingress.SequenceAt("spec", "rules").Single().TextAt("host");
        var tlsHosts = ingress.SequenceAt("spec", "tls").Single().SequenceAt("hosts").OfType<string>();

        Assert.Equal([ruleHost!], tlsHosts);
    }

    [RequiresToolsTheory("kubectl")]
    [MemberData(nameof(Environments))]
    public async Task Ingress_RateLimits_Set(string environment)
    {
        var annotations = (await LoadAsync(environment)).Single("Ingress", "voicehelper-gateway").MappingAt("metadata", "annotations");

        Assert.True(Number(annotations.At("nginx.ingress.kubernetes.io/limit-rps") as string) > 0);
        Assert.True(Number(annotations.At("nginx.ingress.kubernetes.io/limit-connections") as string) > 0);
    }

    [RequiresToolsFact("kubectl")]
    public async Task Ingress_ProductionRateLimit_AtMostStaging()
    {
        var production = await RateLimitAsync("production");
        var staging = await RateLimitAsync("staging");

        Assert.True(production <= staging, $"Production allows {production} requests per second, staging {staging}.");
    }

    [RequiresToolsTheory("kubectl")]
    [MemberData(nameof(Environments))]
    public async Task Resources_EveryContainer_RequestsCpuAndMemoryAndLimitsMemory(string environment)
    {
        var manifests = await LoadAsync(environment);

        var containers = manifests.PodTemplates
            .SelectMany(template => template.PodSpec.SequenceAt("containers")
                .Select(container => (Name: template.Workload.TextAt("metadata", "name"), Container: container)))
            .ToList();

        Assert.All(containers, entry => Assert.True(entry.Container.TextAt("resources", "requests", "cpu") is not null, $"{entry.Name} requests no CPU."));
        Assert.All(containers, entry => Assert.True(entry.Container.TextAt("resources", "requests", "memory") is not null, $"{entry.Name} requests no memory."));
        Assert.All(containers, entry => Assert.True(entry.Container.TextAt("resources", "limits", "memory") is not null, $"{entry.Name} has no memory limit."));
    }

    [RequiresToolsTheory("kubectl")]
    [MemberData(nameof(Environments))]
    public async Task Silo_OrleansLabels_EqualConfiguredIds(string environment)
    {
        var manifests = await LoadAsync(environment);
        var configMap = manifests.SingleWithPrefix("ConfigMap", "voicehelper-config-");

        foreach (var deployment in new[] { "voicehelper-silo-cpu", "voicehelper-silo-gpu" })
        {
            var labels = manifests.Single("Deployment", deployment).MappingAt("spec", "template", "metadata", "labels");
            Assert.Equal(configMap.TextAt("data", "Orleans__ClusterId"), labels.At("orleans/clusterId"));
            Assert.Equal(configMap.TextAt("data", "Orleans__ServiceId"), labels.At("orleans/serviceId"));
        }
    }

    [RequiresToolsTheory("kubectl")]
    [MemberData(nameof(Environments))]
    public async Task Gpu_Silo_AdvertisesItsGpuLimit(string environment)
    {
        var container = (await LoadAsync(environment)).Single("Deployment", "voicehelper-silo-gpu")
            .At("spec", "template", "spec").SequenceAt("containers")[0];

        var limit = container.TextAt("resources", "limits", "nvidia.com/gpu");
        var advertised = container.SequenceAt("env").Single(entry => entry.TextAt("name") == "Silo__Accelerator__DeviceCount");

        Assert.Equal(limit, container.TextAt("resources", "requests", "nvidia.com/gpu"));
        Assert.Equal(limit, advertised.TextAt("value"));
    }

    [RequiresToolsTheory("kubectl")]
    [InlineData("dev", null)]
    [InlineData("staging", null)]
    [InlineData("production", "Fail")]
    public async Task Placement_WithoutAccelerator_FailsOnlyInProduction(string environment, string? expected)
    {
        var configMap = (await LoadAsync(environment)).SingleWithPrefix("ConfigMap", "voicehelper-config-");

        Assert.Equal(expected, configMap.TextAt("data", "Inference__Placement__WhenNoAccelerator"));
    }

    [RequiresToolsTheory("kubectl")]
    [InlineData("dev", true, 7)]
    [InlineData("staging", false, 3)]
    [InlineData("production", false, 28)]
    public async Task Backup_ScheduleAndRetention_PerEnvironment(string environment, bool suspended, int keep)
    {
        var cronJob = (await LoadAsync(environment)).Single("CronJob", "voicehelper-backup");
        var container = cronJob.At("spec", "jobTemplate", "spec", "template", "spec").SequenceAt("containers")[0];

        var kept = container.SequenceAt("env").Single(entry => entry.TextAt("name") == "BACKUP_KEEP").TextAt("value");

        Assert.Equal(suspended, cronJob.TextAt("spec", "suspend") == "true");
        Assert.Equal(keep, Number(kept));
    }

    [RequiresToolsFact("kubectl")]
    public async Task Backup_Production_MoreOftenThanStaging()
    {
        var production = (await LoadAsync("production")).Single("CronJob", "voicehelper-backup").TextAt("spec", "schedule");
        var staging = (await LoadAsync("staging")).Single("CronJob", "voicehelper-backup").TextAt("spec", "schedule");

        Assert.Equal("*/6", production!.Split(' ')[1]);
        Assert.NotEqual(production, staging);
    }

    private static Task<RenderedManifests> LoadAsync(string environment) =>
        RenderedManifests.LoadAsync($"k8s/overlays/{environment}");

    private static int Replicas(RenderedManifests manifests, string deployment) =>
        Number(manifests.Single("Deployment", deployment).TextAt("spec", "replicas"));

    private static int Number(string? text) =>
        int.Parse(text ?? throw new Xunit.Sdk.XunitException("The value is missing."), CultureInfo.InvariantCulture);

    private static async Task<int> RateLimitAsync(string environment) =>
        Number((await LoadAsync(environment)).Single("Ingress", "voicehelper-gateway")
            .MappingAt("metadata", "annotations").At("nginx.ingress.kubernetes.io/limit-rps") as string);

    // Every setting a container receives: its own env entries and the data of the ConfigMaps it loads.
    private static IEnumerable<(string Name, string? Value, string Source)> Settings(RenderedManifests manifests)
    {
        foreach (var (workload, container) in manifests.VoiceHelperContainers)
        {
            foreach (var entry in container.SequenceAt("env"))
            {
                yield return (entry.TextAt("name")!, entry.TextAt("value"), workload);
            }
        }

        foreach (var configMap in manifests.OfKind("ConfigMap"))
        {
            foreach (var (name, value) in configMap.MappingAt("data"))
            {
                yield return ((string)name, value as string, $"ConfigMap {configMap.TextAt("metadata", "name")}");
            }
        }
    }

    private static bool IsDebugSetting(string name, string? value) =>
        (name.StartsWith("Logging__", StringComparison.OrdinalIgnoreCase)
            && value is not null
            && (value.Equals("Debug", StringComparison.OrdinalIgnoreCase) || value.Equals("Trace", StringComparison.OrdinalIgnoreCase)))
        || (name is "DOTNET_ENVIRONMENT" or "ASPNETCORE_ENVIRONMENT"
            && value?.Equals("Production", StringComparison.OrdinalIgnoreCase) != true);
}
