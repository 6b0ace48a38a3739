using VoiceHelper.Deployment.Tests.Infrastructure;

namespace VoiceHelper.Deployment.Tests.Kubernetes;

/// <summary>The objects of <c>kubectl kustomize k8s/base</c>, rendered once per test run.</summary>
internal sealed class RenderedManifests
{
    public const string BasePath = "k8s/base";

    private static readonly TimeSpan RenderTimeout = TimeSpan.FromSeconds(60);

    private static readonly Lazy<Task<RenderedManifests>> Cached = new(RenderAsync);

    private RenderedManifests(string yaml, IReadOnlyList<Dictionary<object, object?>> objects)
    {
        Yaml = yaml;
        Objects = objects;
    }

    /// <summary>The rendered YAML stream.</summary>
    public string Yaml { get; }

    /// <summary>The rendered objects as plain YAML values.</summary>
    public IReadOnlyList<Dictionary<object, object?>> Objects { get; }

    /// <summary>The Deployments and Jobs, whose pod templates run containers.</summary>
    public IEnumerable<Dictionary<object, object?>> Workloads =>
        Objects.Where(item => item.TextAt("kind") is "Deployment" or "Job");

    /// <summary>The containers and init containers of every workload that runs a VoiceHelper image.</summary>
    public IEnumerable<(string Workload, Dictionary<object, object?> Container)> VoiceHelperContainers =>
        from workload in Workloads
        let spec = workload.At("spec", "template", "spec")
        from container in spec.SequenceAt("containers").Concat(spec.SequenceAt("initContainers"))
            .OfType<Dictionary<object, object?>>()
        where container.TextAt("image")?.StartsWith("voicehelper/", StringComparison.Ordinal) == true
        select (workload.TextAt("metadata", "name")!, container);

    /// <summary>Returns the rendering, running kubectl on first use.</summary>
    public static Task<RenderedManifests> LoadAsync() => Cached.Value;

    /// <summary>Returns the only object of a kind and name; fails the test when there is none.</summary>
    public Dictionary<object, object?> Single(string kind, string name) =>
        Objects.SingleOrDefault(item => item.TextAt("kind") == kind && item.TextAt("metadata", "name") == name)
            ?? throw new Xunit.Sdk.XunitException($"{BasePath} renders no {kind} named '{name}'.");

    /// <summary>Returns the only object of a kind whose name starts with a prefix, for generated names.</summary>
    public Dictionary<object, object?> SingleWithPrefix(string kind, string namePrefix) =>
        Objects.Single(item => item.TextAt("kind") == kind
            && item.TextAt("metadata", "name")?.StartsWith(namePrefix, StringComparison.Ordinal) == true);

    private static async Task<RenderedManifests> RenderAsync()
    {
        var result = await ExternalTool.RunAsync("kubectl", ["kustomize", BasePath], RenderTimeout);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"kubectl kustomize {BasePath} failed with exit code {result.ExitCode}: {result.StandardError}");
        }

        return new RenderedManifests(result.StandardOutput, YamlDocuments.ParseAll(result.StandardOutput));
    }
}
