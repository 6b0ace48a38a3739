using k8s;
using VoiceHelper.Deployment.Tests.Infrastructure;
using YamlDotNet.Core;

namespace VoiceHelper.Deployment.Tests.Kubernetes;

/// <summary>
/// Validates every object of the rendered k8s/base in two ways. The JSON schemas of the npm package
/// kubernetes-models, compiled from the Kubernetes OpenAPI definitions, check required fields, types and formats.
/// The Kubernetes OpenAPI definitions allow unknown fields, which the API server drops or rejects at apply time, so
/// strict loading into the typed models of KubernetesClient (also generated from those definitions) finds them.
/// </summary>
[Trait("Category", "Unit")]
public sealed class SchemaValidationTests
{
    [KubernetesSchemaFact]
    public async Task EveryObject_JsonSchema_Valid()
    {
        var manifests = await RenderedManifests.LoadAsync();

        var failures = await KubernetesSchema.ValidateAsync(YamlJson.ConvertAll(manifests.Yaml));

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [KubernetesSchemaFact]
    public async Task JsonSchema_MissingContainerName_Reported()
    {
        const string Yaml = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: broken
            spec:
              selector:
                matchLabels:
                  app: broken
              template:
                metadata:
                  labels:
                    app: broken
                spec:
                  containers:
                    - image: voicehelper/silo
                      ports:
                        - containerPort: "8090"
            """;

        var failures = await KubernetesSchema.ValidateAsync(YamlJson.ConvertAll(Yaml));

        Assert.Contains(failures, failure => failure.Contains("/spec/template/spec/containers/0: must have required property", StringComparison.Ordinal));
        Assert.Contains(failures, failure => failure.Contains("containerPort: must be integer", StringComparison.Ordinal));
    }

    [KubernetesSchemaFact]
    public async Task JsonSchema_UnknownKind_Reported()
    {
        var failures = await KubernetesSchema.ValidateAsync(YamlJson.ConvertAll("apiVersion: v1\nkind: Podd\nmetadata:\n  name: x\n"));

        Assert.Contains(failures, failure => failure.Contains("has no schema", StringComparison.Ordinal));
    }

    [RequiresToolsFact("kubectl")]
    public async Task EveryObject_KubernetesTypes_HaveNoUnknownFields()
    {
        var manifests = await RenderedManifests.LoadAsync();

        var exception = Record.Exception(() => KubernetesYaml.LoadAllFromString(manifests.Yaml, typeMap: null, strict: true));

        Assert.True(exception is null, KubernetesSchema.Describe(exception));
    }

    [Fact]
    public void KubernetesTypes_StrictLoading_RejectsUnknownField()
    {
        const string Yaml = """
            apiVersion: v1
            kind: Namespace
            metadata:
              name: voicehelper
              lables:
                a: b
            """;

        Assert.Throws<YamlException>(() => KubernetesYaml.LoadAllFromString(Yaml, typeMap: null, strict: true));
    }

}
