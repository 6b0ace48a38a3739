using System.Text.Json;
using System.Text.Json.Nodes;
using VoiceHelper.Deployment.Tests.Infrastructure;
using YamlDotNet.Core;

namespace VoiceHelper.Deployment.Tests.Kubernetes;

/// <summary>Validates Kubernetes objects against the JSON schemas of the npm package kubernetes-models.</summary>
internal static class KubernetesSchema
{
    private static readonly TimeSpan ValidationTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Runs validate-manifests.mjs on the objects and returns one line per schema violation.</summary>
    public static async Task<IReadOnlyList<string>> ValidateAsync(IReadOnlyList<JsonNode?> objects)
    {
        // ES modules resolve packages from the importing file's folder upwards (NODE_PATH does not apply), so the
        // build copies the script beside the node_modules folder that npm ci fills.
        var script = Path.Combine(KubernetesSchemaFactAttribute.Folder, "validate-manifests.mjs");
        var input = new JsonArray(objects.Select(item => item?.DeepClone()).ToArray()).ToJsonString();

        var result = await ExternalTool.RunAsync(
            "node", [script], ValidationTimeout, input, workingDirectory: KubernetesSchemaFactAttribute.Folder);

        Assert.True(result.ExitCode == 0, $"validate-manifests.mjs failed: {result.StandardError}");
        return JsonDocument.Parse(result.StandardOutput).RootElement.EnumerateArray()
            .SelectMany(item => item.GetProperty("errors").EnumerateArray().Select(error =>
                $"{item.GetProperty("kind")} {item.GetProperty("name")} {error.GetString()}"))
            .ToList();
    }

    /// <summary>Describes an exception of strict loading into the KubernetesClient types, for an assertion message.</summary>
    public static string Describe(Exception? exception) => exception switch
    {
        null => "",
        YamlException yaml => $"Line {yaml.Start.Line}, column {yaml.Start.Column} of the rendering: {yaml.Message} " +
            yaml.InnerException?.Message,
        _ => exception.ToString(),
    };
}
