using VoiceHelper.Deployment.Tests.Infrastructure;

namespace VoiceHelper.Deployment.Tests.Compose;

/// <summary>One service of <c>docker-compose.yml</c>, after merge keys are resolved.</summary>
internal sealed class ComposeService(string name, Dictionary<object, object?> node)
{
    public string Name { get; } = name;

    public string? Image => node.TextAt("image");

    public string? BuildContext => node.TextAt("build", "context");

    public string? Dockerfile => node.TextAt("build", "dockerfile");

    public string? BuildArgument(string name) => node.TextAt("build", "args", name);

    public bool HasBuild => node.At("build") is not null;

    public string? Restart => node.TextAt("restart");

    public IReadOnlyList<string> Profiles => node.SequenceAt("profiles").OfType<string>().ToList();

    public IReadOnlyList<string> Secrets => node.SequenceAt("secrets").OfType<string>().ToList();

    public IReadOnlyList<string> Volumes => node.SequenceAt("volumes").OfType<string>().ToList();

    /// <summary>The health check command, or an empty list when the service has none.</summary>
    public IReadOnlyList<string> HealthCheck => node.SequenceAt("healthcheck", "test").OfType<string>().ToList();

    /// <summary>The environment, from either the mapping or the list form.</summary>
    public IReadOnlyDictionary<string, string> Environment => node.At("environment") switch
    {
        Dictionary<object, object?> mapping => mapping.ToDictionary(
            entry => (string)entry.Key, entry => entry.Value as string ?? ""),
        List<object?> list => list.OfType<string>().Select(item => item.Split('=', 2))
            .ToDictionary(parts => parts[0], parts => parts.Length > 1 ? parts[1] : ""),
        _ => new Dictionary<string, string>(),
    };

    /// <summary>
    /// The services this one waits for, with their condition. The short list form means
    /// <c>service_started</c>, as in Compose.
    /// </summary>
    public IReadOnlyDictionary<string, string> DependsOn => node.At("depends_on") switch
    {
        Dictionary<object, object?> mapping => mapping.ToDictionary(
            entry => (string)entry.Key, entry => entry.Value.TextAt("condition") ?? "service_started"),
        List<object?> list => list.OfType<string>().ToDictionary(item => item, _ => "service_started"),
        _ => new Dictionary<string, string>(),
    };

    /// <summary>The published ports as (host port, container port) pairs of the "HOST:CONTAINER" form.</summary>
    public IReadOnlyList<(string Host, string Container)> PublishedPorts =>
        node.SequenceAt("ports").OfType<string>()
            .Select(port => port.Split(':'))
            .Where(parts => parts.Length >= 2)
            .Select(parts => (parts[^2], parts[^1]))
            .ToList();

    /// <summary>The device reservations under <c>deploy.resources.reservations.devices</c>.</summary>
    public IReadOnlyList<Dictionary<object, object?>> DeviceReservations =>
        node.SequenceAt("deploy", "resources", "reservations", "devices")
            .OfType<Dictionary<object, object?>>()
            .ToList();
}
