using System.Reflection;
using VoiceHelper.Deployment.Tests.Infrastructure;

namespace VoiceHelper.Deployment.Tests.Kubernetes;

/// <summary>
/// A fact that needs kubectl, node and the npm package kubernetes-models, which the test project's build
/// installs with npm ci. It is skipped, with a message that names what is missing, when any of them is absent.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class KubernetesSchemaFactAttribute : FactAttribute
{
    public KubernetesSchemaFactAttribute()
    {
        Skip = SkipReason();
    }

    /// <summary>The folder where the build installs kubernetes-models.</summary>
    public static string Folder =>
        typeof(KubernetesSchemaFactAttribute).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(attribute => attribute.Key == "KubernetesSchemaFolder").Value!;

    /// <summary>Returns why a schema test must be skipped, or null when everything it needs is there.</summary>
    public static string? SkipReason()
    {
        var missingTools = new[] { "kubectl", "node" }.Where(tool => ExternalTool.Find(tool) is null).ToArray();
        if (missingTools.Length > 0)
        {
            return $"{string.Join(" and ", missingTools)} not found on PATH; install them to validate the k8s/ renderings.";
        }

        if (!File.Exists(Path.Combine(Folder, "node_modules", "kubernetes-models", "package.json")))
        {
            return $"The npm package kubernetes-models is not installed in {Folder}. Build the test project with " +
                "npm on PATH and the npm registry reachable; its build runs npm ci there.";
        }

        return null;
    }
}
