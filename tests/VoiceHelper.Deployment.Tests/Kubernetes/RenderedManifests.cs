using System.Collections.Concurrent;
using VoiceHelper.Deployment.Tests.Infrastructure;

namespace VoiceHelper.Deployment.Tests.Kubernetes;

/// <summary>The objects of <c>kubectl kustomize</c> of one kustomization, rendered once per test run.</summary>
internal sealed class RenderedManifests
{
    public const string BasePath = "k8s/base";

    private static readonly TimeSpan RenderTimeout = TimeSpan.FromSeconds(60);

    private static readonly ConcurrentDictionary<string, Lazy<Task<RenderedManifests>>> Cached = new();

    private RenderedManifests(string path, string yaml, IReadOnlyList<Dictionary<object, object?>> objects)
    {
        Path = path;
        Yaml = yaml;
        Objects = objects;
    }

    /// <summary>The kustomization folder, relative to the repository root.</summary>
    public string Path { get; }

    /// <summary>The rendered YAML stream.</summary>
    public string Yaml { get; }

    /// <summary>The rendered objects as plain YAML values.</summary>
    public IReadOnlyList<Dictionary<object, object?>> Objects { get; }

    /// <summary>The Deployments and Jobs, whose pod templates run containers, and the CronJobs' job templates.</summary>
    public IEnumerable<(Dictionary<object, object?> Workload, object? PodSpec)> PodTemplates =>
        Objects.Select(item => (item, item.TextAt("kind") switch
        {
            "Deployment" or "Job" => item.At("spec", "template", "spec"),
            "CronJob" => item.At("spec", "jobTemplate", "spec", "template", "spec"),
            _ => null,
        })).Where(entry => entry.Item2 is not null);

    /// <summary>The containers and init containers of every workload that runs a VoiceHelper image.</summary>
    public IEnumerable<(string Workload, Dictionary<object, object?> Container)> VoiceHelperContainers =>
        from template in PodTemplates
        from container in template.PodSpec.SequenceAt("containers").Concat(template.PodSpec.SequenceAt("initContainers"))
            .OfType<Dictionary<object, object?>>()
        where IsVoiceHelperImage(container.TextAt("image"))
        select (template.Workload.TextAt("metadata", "name")!, container);

    /// <summary>Returns the rendering of k8s/base, running kubectl on first use.</summary>
    public static Task<RenderedManifests> LoadAsync() => LoadAsync(BasePath);

    /// <summary>Returns the rendering of a kustomization folder relative to the repository root.</summary>
    public static Task<RenderedManifests> LoadAsync(string path) =>
        Cached.GetOrAdd(path, key => new Lazy<Task<RenderedManifests>>(() => RenderAsync(key))).Value;

    /// <summary>Returns the only object of a kind and name; fails the test when there is none.</summary>
    public Dictionary<object, object?> Single(string kind, string name) =>
        Find(kind, name) ?? throw new Xunit.Sdk.XunitException($"{Path} renders no {kind} named '{name}'.");

    /// <summary>Returns the only object of a kind and name, or null when there is none.</summary>
    public Dictionary<object, object?>? Find(string kind, string name) =>
        Objects.SingleOrDefault(item => item.TextAt("kind") == kind && item.TextAt("metadata", "name") == name);

    /// <summary>Returns the only object of a kind whose name starts with a prefix, for generated names.</summary>
    public Dictionary<object, object?> SingleWithPrefix(string kind, string namePrefix) =>
        Objects.Single(item => item.TextAt("kind") == kind
            && item.TextAt("metadata", "name")?.StartsWith(namePrefix, StringComparison.Ordinal) == true);

    /// <summary>Returns the objects of a kind.</summary>
    public IEnumerable<Dictionary<object, object?>> OfKind(string kind) =>
        Objects.Where(item => item.TextAt("kind") == kind);

    // An overlay may move the images to a registry, so a VoiceHelper image is one whose last two path segments
    // start with "voicehelper/".
    private static bool IsVoiceHelperImage(string? image)
    {
        if (image is null)
        {
            return false;
        }

        var segments = image.Split('/');
        return segments.Length >= 2 && segments[^2] == "voicehelper";
    }

    private static async Task<RenderedManifests> RenderAsync(string path)
    {
        var result = await ExternalTool.RunAsync("kubectl", ["kustomize", path], RenderTimeout);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"kubectl kustomize {path} failed with exit code {result.ExitCode}: {result.StandardError}");
        }

        return new RenderedManifests(path, result.StandardOutput, YamlDocuments.ParseAll(result.StandardOutput));
    }
}
