using System.Text.RegularExpressions;
using VoiceHelper.Deployment.Tests.Infrastructure;

namespace VoiceHelper.Deployment.Tests.Monitoring;

/// <summary>
/// The Prometheus names of the instruments that VoiceHelper's own code creates, derived from the
/// <c>Create*&lt;T&gt;("name", "unit", ...)</c> calls in its source the way the OpenTelemetry Prometheus exporter
/// names them: dots become underscores, a unit adds a suffix (<c>s</c> becomes <c>_seconds</c>; an annotation
/// in braces such as <c>{document}</c> adds none), counters end in <c>_total</c>, and histograms export
/// <c>_bucket</c>, <c>_sum</c> and <c>_count</c> series.
/// </summary>
internal static partial class ExportedMetricNames
{
    private static readonly string[] SourceFolders = ["silo", "gateway", "hosting", "grains", "knowledge", "inference", "speech"];

    private static readonly Dictionary<string, string> UnitSuffixes = new(StringComparer.Ordinal)
    {
        ["s"] = "_seconds",
        ["ms"] = "_milliseconds",
        ["By"] = "_bytes",
        ["1"] = "_ratio",
    };

    /// <summary>Every series name that the declared instruments export.</summary>
    public static IReadOnlySet<string> All { get; } = Collect();

    /// <summary>Returns the series names of one instrument.</summary>
    public static IEnumerable<string> SeriesOf(string kind, string name, string unit)
    {
        var baseName = name.Replace('.', '_') + (UnitSuffixes.TryGetValue(unit, out var suffix) ? suffix : "");
        return kind switch
        {
            "Counter" or "ObservableCounter" => [baseName + "_total"],
            "Histogram" => [baseName + "_bucket", baseName + "_sum", baseName + "_count"],
            _ => [baseName],
        };
    }

    private static HashSet<string> Collect()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var folder in SourceFolders)
        {
            var files = Directory.EnumerateFiles(RepositoryFiles.PathOf(folder), "*.cs", SearchOption.AllDirectories)
                .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
            foreach (var file in files)
            {
                foreach (Match match in InstrumentCreation().Matches(File.ReadAllText(file)))
                {
                    names.UnionWith(SeriesOf(match.Groups["kind"].Value, match.Groups["name"].Value, match.Groups["unit"].Value));
                }
            }
        }

        return names;
    }

    [GeneratedRegex(@"Create(?<kind>Counter|UpDownCounter|Histogram|Gauge|ObservableCounter|ObservableUpDownCounter|ObservableGauge)<[^>]+>\(\s*""(?<name>[^""]+)"",\s*""(?<unit>[^""]*)""")]
    private static partial Regex InstrumentCreation();
}
