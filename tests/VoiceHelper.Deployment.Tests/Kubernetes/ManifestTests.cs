using VoiceHelper.Deployment.Tests.Infrastructure;

namespace VoiceHelper.Deployment.Tests.Kubernetes;

[Trait("Category", "Unit")]
public sealed class ManifestTests
{
    private const string Namespace = "voicehelper";

    private static readonly string[] SiloDeployments = ["voicehelper-silo-cpu", "voicehelper-silo-gpu"];

    private static readonly string[] VoiceHelperDeployments = [.. SiloDeployments, "voicehelper-gateway"];

    public static TheoryData<string, string> ExpectedObjects => new()
    {
        { "Namespace", Namespace },
        { "ServiceAccount", "voicehelper-silo" },
        { "Role", "voicehelper-silo-pods" },
        { "RoleBinding", "voicehelper-silo-pods" },
        { "Secret", "voicehelper-secrets" },
        { "Deployment", "voicehelper-silo-cpu" },
        { "Deployment", "voicehelper-silo-gpu" },
        { "Deployment", "voicehelper-gateway" },
        { "Deployment", "redis" },
        { "Service", "voicehelper-gateway" },
        { "Service", "redis" },
        { "Ingress", "voicehelper-gateway" },
        { "Job", "voicehelper-migrate" },
        { "CronJob", "voicehelper-backup" },
        { "PersistentVolumeClaim", "voicehelper-backups" },
        { "HorizontalPodAutoscaler", "voicehelper-gateway" },
        { "HorizontalPodAutoscaler", "voicehelper-silo-cpu" },
        { "PodDisruptionBudget", "voicehelper-gateway" },
        { "PodDisruptionBudget", "voicehelper-silo-cpu" },
        { "PodDisruptionBudget", "voicehelper-silo-gpu" },
    };

    [RequiresToolsTheory("kubectl")]
    [MemberData(nameof(ExpectedObjects))]
    public async Task Render_ExpectedObject_Present(string kind, string name)
    {
        var manifests = await RenderedManifests.LoadAsync();

        manifests.Single(kind, name);
    }

    [RequiresToolsFact("kubectl")]
    public async Task Render_ConfigMap_GetsContentHash()
    {
        var manifests = await RenderedManifests.LoadAsync();

        var configMap = manifests.SingleWithPrefix("ConfigMap", "voicehelper-config-");

        Assert.NotEqual("voicehelper-config", configMap.TextAt("metadata", "name"));
    }

    [RequiresToolsFact("kubectl")]
    public async Task Namespace_EveryNamespacedObject_InVoiceHelper()
    {
        var manifests = await RenderedManifests.LoadAsync();

        var outside = manifests.Objects
            .Where(item => item.TextAt("kind") != "Namespace" && item.TextAt("metadata", "namespace") != Namespace)
            .Select(item => $"{item.TextAt("kind")} {item.TextAt("metadata", "name")}");

        Assert.Empty(outside);
    }

    [RequiresToolsFact("kubectl")]
    public async Task Rbac_Role_GrantsPodAccess()
    {
        var role = (await RenderedManifests.LoadAsync()).Single("Role", "voicehelper-silo-pods");

        var rule = Assert.Single(role.SequenceAt("rules"));
        var verbs = rule.SequenceAt("verbs").OfType<string>().ToList();

        Assert.Equal([""], rule.SequenceAt("apiGroups").OfType<string>());
        Assert.Equal(["pods"], rule.SequenceAt("resources").OfType<string>());
        foreach (var verb in new[] { "get", "list", "watch", "patch", "delete" })
        {
            Assert.Contains(verb, verbs);
        }
    }

    [RequiresToolsFact("kubectl")]
    public async Task Rbac_RoleBinding_BindsSiloServiceAccount()
    {
        var binding = (await RenderedManifests.LoadAsync()).Single("RoleBinding", "voicehelper-silo-pods");

        var subject = Assert.Single(binding.SequenceAt("subjects"));

        Assert.Equal("ServiceAccount", subject.TextAt("kind"));
        Assert.Equal("voicehelper-silo", subject.TextAt("name"));
        Assert.Equal("voicehelper-silo-pods", binding.TextAt("roleRef", "name"));
    }

    [RequiresToolsTheory("kubectl")]
    [InlineData("voicehelper-silo-cpu")]
    [InlineData("voicehelper-silo-gpu")]
    public async Task Silo_Pods_UseSiloServiceAccount(string deployment)
    {
        var silo = (await RenderedManifests.LoadAsync()).Single("Deployment", deployment);

        Assert.Equal("voicehelper-silo", silo.TextAt("spec", "template", "spec", "serviceAccountName"));
    }

    [RequiresToolsTheory("kubectl")]
    [InlineData("voicehelper-silo-cpu", "POD_NAME", "metadata.name")]
    [InlineData("voicehelper-silo-cpu", "POD_NAMESPACE", "metadata.namespace")]
    [InlineData("voicehelper-silo-cpu", "POD_IP", "status.podIP")]
    [InlineData("voicehelper-silo-gpu", "POD_NAME", "metadata.name")]
    [InlineData("voicehelper-silo-gpu", "POD_NAMESPACE", "metadata.namespace")]
    [InlineData("voicehelper-silo-gpu", "POD_IP", "status.podIP")]
    public async Task Silo_PodVariables_ComeFromDownwardApi(string deployment, string variable, string field)
    {
        var container = MainContainer((await RenderedManifests.LoadAsync()).Single("Deployment", deployment));

        var entry = EnvironmentEntry(container, variable);

        Assert.Equal(field, entry.TextAt("valueFrom", "fieldRef", "fieldPath"));
    }

    [RequiresToolsTheory("kubectl")]
    [InlineData("voicehelper-silo-cpu")]
    [InlineData("voicehelper-silo-gpu")]
    public async Task Silo_KubernetesHosting_Enabled(string deployment)
    {
        var container = MainContainer((await RenderedManifests.LoadAsync()).Single("Deployment", deployment));

        Assert.Equal("true", EnvironmentEntry(container, "Silo__KubernetesHosting").TextAt("value"));
        Assert.Equal("$(POD_IP)", EnvironmentEntry(container, "Orleans__AdvertisedAddress").TextAt("value"));
    }

    [RequiresToolsTheory("kubectl")]
    [InlineData("voicehelper-silo-cpu", "orleans/clusterId", "Orleans__ClusterId")]
    [InlineData("voicehelper-silo-cpu", "orleans/serviceId", "Orleans__ServiceId")]
    [InlineData("voicehelper-silo-gpu", "orleans/clusterId", "Orleans__ClusterId")]
    [InlineData("voicehelper-silo-gpu", "orleans/serviceId", "Orleans__ServiceId")]
    public async Task Silo_OrleansLabels_EqualConfiguredIds(string deployment, string label, string setting)
    {
        var manifests = await RenderedManifests.LoadAsync();
        var configured = manifests.SingleWithPrefix("ConfigMap", "voicehelper-config-").TextAt("data", setting);

        var labelled = manifests.Single("Deployment", deployment).TextAt("spec", "template", "metadata", "labels", label);

        Assert.NotNull(configured);
        Assert.Equal(configured, labelled);
    }

    [RequiresToolsFact("kubectl")]
    public async Task Gpu_Silo_RequestsAndLimitsGpu()
    {
        var container = MainContainer((await RenderedManifests.LoadAsync()).Single("Deployment", "voicehelper-silo-gpu"));

        var request = container.TextAt("resources", "requests", "nvidia.com/gpu");
        var limit = container.TextAt("resources", "limits", "nvidia.com/gpu");

        Assert.NotNull(limit);
        Assert.Equal(limit, request);
        Assert.True(int.Parse(limit) >= 1, $"The GPU silo asks for {limit} GPUs.");
    }

    [RequiresToolsFact("kubectl")]
    public async Task Gpu_Silo_AdvertisesItsGpuLimit()
    {
        var container = MainContainer((await RenderedManifests.LoadAsync()).Single("Deployment", "voicehelper-silo-gpu"));

        var limit = container.TextAt("resources", "limits", "nvidia.com/gpu");

        Assert.Equal(limit, EnvironmentEntry(container, "Silo__Accelerator__DeviceCount").TextAt("value"));
        Assert.Equal("Cuda", EnvironmentEntry(container, "Inference__Embeddings__Session__ExecutionProvider").TextAt("value"));
    }

    [RequiresToolsFact("kubectl")]
    public async Task Gpu_Silo_RunsOnGpuNodes()
    {
        var pod = (await RenderedManifests.LoadAsync()).Single("Deployment", "voicehelper-silo-gpu").At("spec", "template", "spec");

        var tolerations = pod.SequenceAt("tolerations");

        Assert.NotEmpty(pod.MappingAt("nodeSelector"));
        Assert.Contains(tolerations, toleration => toleration.TextAt("key") == "nvidia.com/gpu");
        Assert.Equal("voicehelper/silo-cuda", MainContainer(pod).TextAt("image")?.Split(':')[0]);
    }

    [RequiresToolsTheory("kubectl")]
    [InlineData("voicehelper-silo-cpu")]
    [InlineData("voicehelper-gateway")]
    [InlineData("redis")]
    public async Task Gpu_OtherWorkloads_AskForNoGpu(string deployment)
    {
        var pod = (await RenderedManifests.LoadAsync()).Single("Deployment", deployment).At("spec", "template", "spec");

        Assert.DoesNotContain("nvidia.com/gpu", MainContainer(pod).MappingAt("resources", "limits").Keys.OfType<string>());
        Assert.Empty(pod.MappingAt("nodeSelector"));
    }

    [RequiresToolsTheory("kubectl")]
    [InlineData("voicehelper-silo-cpu", "Silo__Urls")]
    [InlineData("voicehelper-silo-gpu", "Silo__Urls")]
    [InlineData("voicehelper-gateway", "Gateway__HttpUrl")]
    public async Task Probes_HealthEndpoints_OnConfiguredPort(string deployment, string urlSetting)
    {
        var container = MainContainer((await RenderedManifests.LoadAsync()).Single("Deployment", deployment));
        var url = EnvironmentEntry(container, urlSetting).TextAt("value")!;
        var port = new Uri(url.Replace("+", "localhost", StringComparison.Ordinal)).Port.ToString();
        var portName = container.SequenceAt("ports").Single(item => item.TextAt("containerPort") == port).TextAt("name");

        Assert.Equal("/health/ready", container.TextAt("readinessProbe", "httpGet", "path"));
        Assert.Equal("/health/live", container.TextAt("livenessProbe", "httpGet", "path"));
        Assert.Equal(portName, container.TextAt("readinessProbe", "httpGet", "port"));
        Assert.Equal(portName, container.TextAt("livenessProbe", "httpGet", "port"));
    }

    [RequiresToolsTheory("kubectl")]
    [InlineData("voicehelper-silo-cpu")]
    [InlineData("voicehelper-silo-gpu")]
    [InlineData("voicehelper-gateway")]
    public async Task Security_Pods_RunAsNonRoot(string deployment)
    {
        var pod = (await RenderedManifests.LoadAsync()).Single("Deployment", deployment).At("spec", "template", "spec");

        Assert.Equal("true", pod.TextAt("securityContext", "runAsNonRoot"));
        Assert.Equal("false", MainContainer(pod).TextAt("securityContext", "allowPrivilegeEscalation"));
    }

    [RequiresToolsTheory("kubectl")]
    [InlineData("voicehelper-silo-cpu")]
    [InlineData("voicehelper-silo-gpu")]
    [InlineData("voicehelper-gateway")]
    public async Task Secrets_DatabasePassword_FromSecret(string deployment)
    {
        var container = MainContainer((await RenderedManifests.LoadAsync()).Single("Deployment", deployment));

        var password = EnvironmentEntry(container, "PGPASSWORD");

        Assert.Equal("voicehelper-secrets", password.TextAt("valueFrom", "secretKeyRef", "name"));
        Assert.DoesNotContain("Password", EnvironmentEntry(container, "ConnectionStrings__Postgres").TextAt("value"));
    }

    [RequiresToolsFact("kubectl")]
    public async Task Autoscaling_Targets_ExistingDeployments()
    {
        var manifests = await RenderedManifests.LoadAsync();

        foreach (var autoscaler in manifests.Objects.Where(item => item.TextAt("kind") == "HorizontalPodAutoscaler"))
        {
            Assert.Equal("Deployment", autoscaler.TextAt("spec", "scaleTargetRef", "kind"));
            manifests.Single("Deployment", autoscaler.TextAt("spec", "scaleTargetRef", "name")!);
        }
    }

    [RequiresToolsFact("kubectl")]
    public async Task DisruptionBudgets_Selectors_MatchTheirPods()
    {
        var manifests = await RenderedManifests.LoadAsync();

        foreach (var name in VoiceHelperDeployments)
        {
            var budget = manifests.Single("PodDisruptionBudget", name);
            var podLabels = manifests.Single("Deployment", name).MappingAt("spec", "template", "metadata", "labels");

            var selector = budget.MappingAt("spec", "selector", "matchLabels");

            Assert.NotEmpty(selector);
            Assert.All(selector, label => Assert.Equal(label.Value, podLabels.GetValueOrDefault(label.Key)));
        }
    }

    [RequiresToolsFact("kubectl")]
    public async Task DisruptionBudgets_SiloPools_SelectOnlyTheirPool()
    {
        var manifests = await RenderedManifests.LoadAsync();

        var cpuSelector = manifests.Single("PodDisruptionBudget", "voicehelper-silo-cpu").MappingAt("spec", "selector", "matchLabels");
        var gpuLabels = manifests.Single("Deployment", "voicehelper-silo-gpu").MappingAt("spec", "template", "metadata", "labels");

        Assert.Contains(cpuSelector, label => !Equals(gpuLabels.GetValueOrDefault(label.Key), label.Value));
    }

    [RequiresToolsFact("kubectl")]
    public async Task Ingress_Backend_IsGatewayHttpPort()
    {
        var manifests = await RenderedManifests.LoadAsync();
        var ingress = manifests.Single("Ingress", "voicehelper-gateway");
        var backend = ingress.SequenceAt("spec", "rules").Single().SequenceAt("http", "paths").Single().At("backend", "service");

        var service = manifests.Single("Service", backend.TextAt("name")!);

        Assert.Contains(service.SequenceAt("spec", "ports"), port => port.TextAt("name") == backend.TextAt("port", "name"));
    }

    [RequiresToolsTheory("kubectl")]
    [InlineData("nginx.ingress.kubernetes.io/proxy-read-timeout")]
    [InlineData("nginx.ingress.kubernetes.io/proxy-send-timeout")]
    public async Task Ingress_Timeouts_KeepLongStreamsOpen(string annotation)
    {
        var ingress = (await RenderedManifests.LoadAsync()).Single("Ingress", "voicehelper-gateway");

        var seconds = int.Parse(ingress.TextAt("metadata", "annotations", annotation) ?? "0");

        Assert.True(seconds >= 3600, $"{annotation} is {seconds} s; WebSocket sessions and SSE need at least an hour.");
    }

    [RequiresToolsFact("kubectl")]
    public async Task Service_Gateway_SelectsGatewayPods()
    {
        var manifests = await RenderedManifests.LoadAsync();
        var podLabels = manifests.Single("Deployment", "voicehelper-gateway").MappingAt("spec", "template", "metadata", "labels");

        var selector = manifests.Single("Service", "voicehelper-gateway").MappingAt("spec", "selector");

        Assert.NotEmpty(selector);
        Assert.All(selector, label => Assert.Equal(label.Value, podLabels.GetValueOrDefault(label.Key)));
    }

    [RequiresToolsFact("kubectl")]
    public async Task Migration_Job_RunsMigrationImageOnce()
    {
        var job = (await RenderedManifests.LoadAsync()).Single("Job", "voicehelper-migrate");
        var pod = job.At("spec", "template", "spec");

        Assert.Equal("voicehelper/migrate", MainContainer(pod).TextAt("image")?.Split(':')[0]);
        Assert.Contains(pod.TextAt("restartPolicy"), new[] { "OnFailure", "Never" });
    }

    [RequiresToolsFact("kubectl")]
    public async Task Backup_CronJob_RunsBackupScriptOfMigrateImage()
    {
        var pod = (await RenderedManifests.LoadAsync()).Single("CronJob", "voicehelper-backup")
            .At("spec", "jobTemplate", "spec", "template", "spec");
        var container = (Dictionary<object, object?>)pod.SequenceAt("containers")[0]!;

        Assert.Equal("voicehelper/migrate", container.TextAt("image")?.Split(':')[0]);
        Assert.Equal(["/opt/voicehelper/db/backup.sh"], container.SequenceAt("command").OfType<string>());
        Assert.Contains("COPY db/backup.sh db/table-stats.sql /opt/voicehelper/db/",
            RepositoryFiles.ReadText("docker/migrate.Dockerfile"), StringComparison.Ordinal);
    }

    [RequiresToolsFact("kubectl")]
    public async Task Backup_CronJob_NeverRunsTwiceAtOnce()
    {
        var cronJob = (await RenderedManifests.LoadAsync()).Single("CronJob", "voicehelper-backup");

        Assert.Equal("Forbid", cronJob.TextAt("spec", "concurrencyPolicy"));
    }

    [RequiresToolsFact("kubectl")]
    public async Task Backup_CronJob_WritesToBackupVolume()
    {
        var pod = (await RenderedManifests.LoadAsync()).Single("CronJob", "voicehelper-backup")
            .At("spec", "jobTemplate", "spec", "template", "spec");
        var container = (Dictionary<object, object?>)pod.SequenceAt("containers")[0]!;

        var folder = EnvironmentEntry(container, "BACKUP_DIR").TextAt("value");
        var mount = Assert.Single(container.SequenceAt("volumeMounts"));
        var volume = Assert.Single(pod.SequenceAt("volumes"));

        Assert.Equal(folder, mount.TextAt("mountPath"));
        Assert.Equal(mount.TextAt("name"), volume.TextAt("name"));
        Assert.Equal("voicehelper-backups", volume.TextAt("persistentVolumeClaim", "claimName"));
        Assert.Equal("voicehelper-secrets", EnvironmentEntry(container, "PGPASSWORD").TextAt("valueFrom", "secretKeyRef", "name"));
    }

    private static Dictionary<object, object?> MainContainer(object? workloadOrPod)
    {
        var pod = workloadOrPod.At("kind") is null ? workloadOrPod : workloadOrPod.At("spec", "template", "spec");
        return (Dictionary<object, object?>)pod.SequenceAt("containers")[0]!;
    }

    private static Dictionary<object, object?> EnvironmentEntry(Dictionary<object, object?> container, string name) =>
        container.SequenceAt("env").OfType<Dictionary<object, object?>>().SingleOrDefault(entry => entry.TextAt("name") == name)
            ?? throw new Xunit.Sdk.XunitException($"The container '{container.TextAt("name")}' has no variable {name}.");
}
