using VoiceHelper.Deployment.Tests.Compose;
using VoiceHelper.Deployment.Tests.Docker;
using VoiceHelper.Deployment.Tests.Infrastructure;
using VoiceHelper.Deployment.Tests.Kubernetes;

namespace VoiceHelper.Deployment.Tests.Configuration;

[Trait("Category", "Unit")]
public sealed class EnvironmentKeyTests
{
    // Sections that belong to the .NET host rather than to VoiceHelper.
    private static readonly string[] FrameworkSections = ["Logging"];

    [Theory]
    [InlineData("Orleans:ClusterId")]
    [InlineData("Orleans:AdvertisedAddress")]
    [InlineData("ConnectionStrings:Postgres")]
    [InlineData("ConnectionStrings:Redis")]
    [InlineData("Silo:Urls")]
    [InlineData("Silo:KubernetesHosting")]
    [InlineData("Silo:Accelerator:DeviceCount")]
    [InlineData("Gateway:CertificatePath")]
    [InlineData("Inference:Embeddings:Session:ExecutionProvider")]
    [InlineData("Knowledge:Answering:OpenAI:ApiKey")]
    [InlineData("Conversations:IdleTimeout")]
    [InlineData("OTEL_EXPORTER_OTLP_ENDPOINT")]
    public void KnownKeys_SettingsOfTheCode_Found(string key)
    {
        Assert.True(KnownConfigurationKeys.Contains(key), $"'{key}' was not derived from the code.");
    }

    [Theory]
    [InlineData("Orleans:ClusterIdentifier")]
    [InlineData("Silo:Accelerator")]
    [InlineData("Gateway:Certificate")]
    [InlineData("Knowledge")]
    public void KnownKeys_UnknownOrSectionName_NotFound(string key)
    {
        Assert.False(KnownConfigurationKeys.Contains(key), $"'{key}' is not a setting, but it was accepted.");
    }

    [Fact]
    public void Compose_VoiceHelperKeys_MapToSettings()
    {
        var variables = EnvironmentVariables.FromCompose(ComposeFile.Load()).ToList();

        AssertHierarchicalKeysKnown(variables);
    }

    [Fact]
    public void Compose_OtherVariables_HaveKnownReaders()
    {
        var variables = EnvironmentVariables.FromCompose(ComposeFile.Load()).ToList();

        AssertFlatVariablesKnown(variables);
    }

    [Theory]
    [InlineData("docker/silo.Dockerfile")]
    [InlineData("docker/gateway.Dockerfile")]
    public void Dockerfile_VoiceHelperKeys_MapToSettings(string path)
    {
        var variables = Dockerfile.Load(path).EnvironmentNames.Select(name => new EnvironmentVariable(path, name)).ToList();

        AssertHierarchicalKeysKnown(variables);
    }

    [RequiresToolsFact("kubectl")]
    public async Task Kubernetes_VoiceHelperKeys_MapToSettings()
    {
        var variables = EnvironmentVariables.FromKubernetes(await RenderedManifests.LoadAsync()).ToList();

        AssertHierarchicalKeysKnown(variables);
    }

    [RequiresToolsFact("kubectl")]
    public async Task Kubernetes_OtherVariables_HaveKnownReaders()
    {
        var variables = EnvironmentVariables.FromKubernetes(await RenderedManifests.LoadAsync()).ToList();

        AssertFlatVariablesKnown(variables);
    }

    [RequiresToolsTheory("kubectl")]
    [InlineData("k8s/overlays/dev")]
    [InlineData("k8s/overlays/staging")]
    [InlineData("k8s/overlays/production")]
    public async Task Overlay_VoiceHelperKeys_MapToSettings(string path)
    {
        var variables = EnvironmentVariables.FromKubernetes(await RenderedManifests.LoadAsync(path)).ToList();

        AssertHierarchicalKeysKnown(variables);
    }

    [RequiresToolsTheory("kubectl")]
    [InlineData("k8s/overlays/dev")]
    [InlineData("k8s/overlays/staging")]
    [InlineData("k8s/overlays/production")]
    public async Task Overlay_OtherVariables_HaveKnownReaders(string path)
    {
        var variables = EnvironmentVariables.FromKubernetes(await RenderedManifests.LoadAsync(path)).ToList();

        AssertFlatVariablesKnown(variables);
    }

    [Fact]
    public void ProcessVariables_ScriptVariables_ReadByTheirScripts()
    {
        foreach (var (name, scripts) in ProcessVariables.ReadByScripts)
        {
            foreach (var script in scripts)
            {
                Assert.True(RepositoryFiles.ReadText(script).Contains(name, StringComparison.Ordinal),
                    $"{script} does not read {name}.");
            }
        }
    }

    private static void AssertHierarchicalKeysKnown(IReadOnlyCollection<EnvironmentVariable> variables)
    {
        Assert.NotEmpty(variables);
        var unknown = variables
            .Where(variable => variable.Name.Contains("__", StringComparison.Ordinal))
            .Where(variable => !FrameworkSections.Contains(variable.Name.Split("__")[0], StringComparer.OrdinalIgnoreCase))
            .Where(variable => !KnownConfigurationKeys.Contains(variable.Name.Replace("__", ":", StringComparison.Ordinal)))
            .Select(variable => $"{variable.Name} ({variable.Source})")
            .Distinct()
            .ToList();

        Assert.True(unknown.Count == 0, "Not a configuration key of the code: " + string.Join(", ", unknown));
    }

    private static void AssertFlatVariablesKnown(IReadOnlyCollection<EnvironmentVariable> variables)
    {
        Assert.NotEmpty(variables);
        var unknown = variables
            .Where(variable => !variable.Name.Contains("__", StringComparison.Ordinal))
            .Where(variable => !ProcessVariables.IsKnown(variable.Name) && !KnownConfigurationKeys.Contains(variable.Name))
            .Select(variable => $"{variable.Name} ({variable.Source})")
            .Distinct()
            .ToList();

        Assert.True(unknown.Count == 0, "No known reader: " + string.Join(", ", unknown));
    }
}
