using VoiceHelper.Deployment.Tests.Infrastructure;

namespace VoiceHelper.Deployment.Tests.Compose;

/// <summary>The repository's <c>docker-compose.yml</c>, parsed with YamlDotNet.</summary>
internal sealed class ComposeFile
{
    public const string RelativePath = "docker-compose.yml";

    private ComposeFile(Dictionary<object, object?> root)
    {
        Root = root;
        Services = root.MappingAt("services")
            .ToDictionary(entry => (string)entry.Key, entry => new ComposeService(
                (string)entry.Key, entry.Value as Dictionary<object, object?> ?? []));
    }

    public Dictionary<object, object?> Root { get; }

    public IReadOnlyDictionary<string, ComposeService> Services { get; }

    /// <summary>The services that run VoiceHelper's own images: silos, gateways and the migration.</summary>
    public IEnumerable<ComposeService> VoiceHelperServices =>
        Services.Values.Where(service => service.Image?.StartsWith("voicehelper/", StringComparison.Ordinal) == true);

    public IEnumerable<ComposeService> Silos =>
        Services.Values.Where(service => service.Name.StartsWith("silo", StringComparison.Ordinal));

    public IEnumerable<ComposeService> Gateways =>
        Services.Values.Where(service => service.Name.StartsWith("gateway", StringComparison.Ordinal));

    public static ComposeFile Load() => new(YamlDocuments.ParseOne(RepositoryFiles.ReadText(RelativePath)));
}
