using System.Text.Json.Nodes;
using VoiceHelper.Deployment.Tests.Infrastructure;

namespace VoiceHelper.Deployment.Tests.Monitoring;

/// <summary>The Grafana dashboards and data sources under monitoring/grafana.</summary>
internal static class Dashboards
{
    public const string DashboardFolder = "monitoring/grafana/dashboards";

    public const string DataSourceFile = "monitoring/grafana/provisioning/datasources/voicehelper.yml";

    /// <summary>Every dashboard, by file name.</summary>
    public static IReadOnlyDictionary<string, JsonObject> All =>
        Directory.EnumerateFiles(RepositoryFiles.PathOf(DashboardFolder), "*.json")
            .Order(StringComparer.Ordinal)
            .ToDictionary(path => Path.GetFileName(path), path => JsonNode.Parse(File.ReadAllText(path))!.AsObject());

    /// <summary>The uids of the provisioned data sources, with their types.</summary>
    public static IReadOnlyDictionary<string, string> DataSources =>
        YamlDocuments.ParseOne(RepositoryFiles.ReadText(DataSourceFile)).SequenceAt("datasources")
            .ToDictionary(source => source.TextAt("uid")!, source => source.TextAt("type")!);

    /// <summary>Every query target of every panel: the dashboard file, the panel title and the target.</summary>
    public static IEnumerable<(string Dashboard, string Panel, JsonObject Target)> Targets =>
        from dashboard in All
        from panel in dashboard.Value["panels"]!.AsArray()
        from target in panel!["targets"]!.AsArray()
        select (dashboard.Key, (string)panel["title"]!, target!.AsObject());

    /// <summary>The PromQL expressions of the Prometheus targets.</summary>
    public static IEnumerable<(string Dashboard, string Panel, string Expression)> PrometheusExpressions =>
        Targets.Where(entry => (string?)entry.Target["datasource"]?["type"] == "prometheus")
            .Select(entry => (entry.Dashboard, entry.Panel, (string)entry.Target["expr"]!));

    /// <summary>The SQL of the PostgreSQL targets.</summary>
    public static IEnumerable<(string Dashboard, string Panel, string Sql)> SqlQueries =>
        Targets.Where(entry => (string?)entry.Target["datasource"]?["type"] == "grafana-postgresql-datasource")
            .Select(entry => (entry.Dashboard, entry.Panel, (string)entry.Target["rawSql"]!));
}
