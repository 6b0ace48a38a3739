using VoiceHelper.Deployment.Tests.Compose;
using VoiceHelper.Deployment.Tests.Infrastructure;
using VoiceHelper.Deployment.Tests.Kubernetes;

namespace VoiceHelper.Deployment.Tests.Configuration;

/// <summary>Collects the environment variables of VoiceHelper's containers from compose and Kubernetes.</summary>
internal static class EnvironmentVariables
{
    /// <summary>The variables of the compose services that run VoiceHelper images.</summary>
    public static IEnumerable<EnvironmentVariable> FromCompose(ComposeFile compose) =>
        from service in compose.VoiceHelperServices
        from name in service.Environment.Keys
        select new EnvironmentVariable($"{ComposeFile.RelativePath} service {service.Name}", name);

    /// <summary>
    /// The variables of the containers that run VoiceHelper images: their own <c>env</c> entries and the keys of
    /// the ConfigMaps and Secrets that they load with <c>envFrom</c>.
    /// </summary>
    public static IEnumerable<EnvironmentVariable> FromKubernetes(RenderedManifests manifests)
    {
        foreach (var (workload, container) in manifests.VoiceHelperContainers)
        {
            var source = $"{manifests.Path} {workload}";
            foreach (var entry in container.SequenceAt("env"))
            {
                yield return new EnvironmentVariable(source, entry.TextAt("name")!);
            }

            foreach (var reference in container.SequenceAt("envFrom"))
            {
                foreach (var key in LoadedKeys(manifests, reference))
                {
                    yield return new EnvironmentVariable($"{source} (envFrom)", key);
                }
            }
        }
    }

    private static IEnumerable<string> LoadedKeys(RenderedManifests manifests, object? reference)
    {
        var (kind, field) = reference.TextAt("configMapRef", "name") is not null
            ? ("ConfigMap", "configMapRef")
            : ("Secret", "secretRef");
        var name = reference.TextAt(field, "name")!;

        // An optional reference names an object that the operator may create, such as the backup bucket's Secret.
        if (reference.TextAt(field, "optional") == "true"
            && !manifests.OfKind(kind).Any(item => item.TextAt("metadata", "name") == name))
        {
            return [];
        }

        var source = manifests.Single(kind, name);
        return source.MappingAt("data").Keys.Concat(source.MappingAt("stringData").Keys).OfType<string>();
    }
}
