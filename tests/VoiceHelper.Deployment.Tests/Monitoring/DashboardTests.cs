using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Npgsql;
using VoiceHelper.Deployment.Tests.Infrastructure;
using VoiceHelper.Deployment.Tests.Migrations;

namespace VoiceHelper.Deployment.Tests.Monitoring;

/// <summary>
/// Checks the provisioned Grafana dashboards: their data sources exist, every PromQL expression parses in promtool
/// and reads series that the code exports or that <see cref="PendingMetrics"/> names, and every SQL query runs on
/// the schema of db/migrations.
/// </summary>
[Trait("Category", "Unit")]
public sealed partial class DashboardTests
{
    private static readonly TimeSpan PromtoolTimeout = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData("voicehelper-overview.json", "Turns per second")]
    [InlineData("voicehelper-overview.json", "Live voice sessions")]
    [InlineData("voicehelper-voice.json", "p95 per stage")]
    [InlineData("voicehelper-ingestion.json", "Unfinished documents")]
    [InlineData("voicehelper-inference.json", "Batch size per model")]
    [InlineData("voicehelper-usage.json", "Usage counters per tenant")]
    public void Dashboard_ExpectedPanel_Present(string dashboard, string panel)
    {
        var panels = Dashboards.All[dashboard]["panels"]!.AsArray().Select(item => (string)item!["title"]!);

        Assert.Contains(panel, panels);
    }

    [Fact]
    public void Dashboards_Uids_Unique()
    {
        var uids = Dashboards.All.Values.Select(dashboard => (string)dashboard["uid"]!).ToList();

        Assert.Equal(uids.Count, uids.Distinct().Count());
    }

    [Fact]
    public void EveryTarget_DataSource_Provisioned()
    {
        var sources = Dashboards.DataSources;

        var unknown = Dashboards.Targets
            .Where(entry => !sources.TryGetValue((string?)entry.Target["datasource"]?["uid"] ?? "", out var type)
                || type != (string?)entry.Target["datasource"]?["type"])
            .Select(entry => $"{entry.Dashboard}: {entry.Panel}")
            .ToList();

        Assert.NotEmpty(Dashboards.Targets);
        Assert.True(unknown.Count == 0, "Data source not provisioned: " + string.Join(", ", unknown));
    }

    [Fact]
    public void EveryExpression_VoiceHelperSeries_ExportedOrPending()
    {
        var unknown = Dashboards.PrometheusExpressions
            .SelectMany(entry => AlertRuleTests.VoiceHelperSeries().Matches(entry.Expression)
                .Select(match => (entry.Dashboard, entry.Panel, Series: match.Value)))
            .Where(entry => !ExportedMetricNames.All.Contains(entry.Series) && !PendingMetrics.Series.Contains(entry.Series))
            .Select(entry => $"{entry.Dashboard}: {entry.Panel}: {entry.Series}")
            .ToList();

        Assert.True(unknown.Count == 0, "No instrument of the code exports: " + string.Join(", ", unknown));
    }

    // promtool has no command that parses a lone expression, so each becomes a recording rule of a rule file.
    [RequiresToolsFact("promtool")]
    public async Task EveryExpression_ParsesInPromtool()
    {
        using var folder = new TemporaryFolder();
        var rules = new JsonArray(Dashboards.PrometheusExpressions.Select((entry, index) => (JsonNode)new JsonObject
        {
            ["record"] = $"dashboard_check_{index}",
            ["expr"] = ReplaceGrafanaVariables(entry.Expression),
        }).ToArray());
        // JSON is YAML, so the rule file can be written as JSON.
        var file = folder.Write("dashboards.yml", new JsonObject
        {
            ["groups"] = new JsonArray(new JsonObject { ["name"] = "dashboards", ["rules"] = rules }),
        }.ToJsonString());

        var result = await ExternalTool.RunAsync("promtool", ["check", "rules", file], PromtoolTimeout);

        Assert.True(result.ExitCode == 0, result.StandardOutput + result.StandardError);
    }

    [MigrationFact]
    public async Task EverySqlQuery_RunsOnMigratedSchema()
    {
        await using var dataSource = NpgsqlDataSource.Create(Environment.GetEnvironmentVariable("VOICEHELPER_TEST_POSTGRES")!);
        var failures = new List<string>();

        foreach (var (dashboard, panel, sql) in Dashboards.SqlQueries)
        {
            await using var command = dataSource.CreateCommand("EXPLAIN " + ReplaceGrafanaMacros(sql));
            try
            {
                await command.ExecuteNonQueryAsync();
            }
            catch (PostgresException exception)
            {
                failures.Add($"{dashboard}: {panel}: {exception.MessageText}");
            }
        }

        Assert.NotEmpty(Dashboards.SqlQueries);
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    private static string ReplaceGrafanaVariables(string expression) =>
        expression.Replace("$__rate_interval", "5m", StringComparison.Ordinal)
            .Replace("$namespace", "voicehelper", StringComparison.Ordinal);

    // The Grafana PostgreSQL macros that the dashboards use, expanded as Grafana expands them.
    private static string ReplaceGrafanaMacros(string sql)
    {
        var expanded = TimeGroupAlias().Replace(sql, match => $"date_trunc('hour', {match.Groups["column"].Value}) AS time");
        return TimeFilter().Replace(expanded, match =>
            $"{match.Groups["column"].Value} BETWEEN now() - interval '6 hours' AND now()");
    }

    [GeneratedRegex(@"\$__timeGroupAlias\((?<column>[a-z_.]+),\s*'1h'\)")]
    private static partial Regex TimeGroupAlias();

    [GeneratedRegex(@"\$__timeFilter\((?<column>[a-z_.]+)\)")]
    private static partial Regex TimeFilter();
}
