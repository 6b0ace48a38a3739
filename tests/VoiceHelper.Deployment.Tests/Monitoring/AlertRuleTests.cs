using System.Text.RegularExpressions;
using VoiceHelper.Deployment.Tests.Infrastructure;

namespace VoiceHelper.Deployment.Tests.Monitoring;

/// <summary>
/// Checks monitoring/prometheus/rules with promtool (Debian package prometheus) and runs the promtool unit tests,
/// which feed synthetic series to every alert: each must fire on a failing series and stay silent on a healthy one.
/// </summary>
[Trait("Category", "Unit")]
public sealed partial class AlertRuleTests
{
    private static readonly TimeSpan PromtoolTimeout = TimeSpan.FromSeconds(60);

    [RequiresToolsFact("promtool")]
    public async Task Rules_PromtoolCheck_Succeeds()
    {
        var result = await ExternalTool.RunAsync("promtool", ["check", "rules", .. AlertRules.RuleFiles], PromtoolTimeout);

        Assert.True(result.ExitCode == 0, result.StandardOutput + result.StandardError);
    }

    [RequiresToolsFact("promtool")]
    public async Task Rules_PromtoolUnitTests_Pass()
    {
        var result = await ExternalTool.RunAsync("promtool", ["test", "rules", .. AlertRules.TestFiles], PromtoolTimeout);

        Assert.True(result.ExitCode == 0, result.StandardOutput + result.StandardError);
    }

    [RequiresToolsFact("promtool")]
    public async Task Rules_InvalidExpression_RejectedByPromtool()
    {
        using var folder = new TemporaryFolder();
        var rules = folder.Write("broken.yml", """
            groups:
              - name: broken
                rules:
                  - alert: Broken
                    expr: sum by (namespace (up)
            """);

        var result = await ExternalTool.RunAsync("promtool", ["check", "rules", rules], PromtoolTimeout);

        Assert.NotEqual(0, result.ExitCode);
    }

    [RequiresToolsFact("promtool")]
    public async Task UnitTests_AlertThatStaysSilent_FailInPromtool()
    {
        using var folder = new TemporaryFolder();
        folder.Write("rules.yml", """
            groups:
              - name: silent
                rules:
                  - alert: NeverFires
                    expr: up == 2
            """);
        var tests = folder.Write("tests.yml", """
            rule_files: [rules.yml]
            tests:
              - interval: 1m
                input_series:
                  - series: 'up{job="x"}'
                    values: '0x5'
                alert_rule_test:
                  - eval_time: 5m
                    alertname: NeverFires
                    exp_alerts:
                      - exp_labels: { job: x }
            """);

        var result = await ExternalTool.RunAsync("promtool", ["test", "rules", tests], PromtoolTimeout, workingDirectory: folder.Path);

        Assert.NotEqual(0, result.ExitCode);
    }

    [Fact]
    public void EveryAlert_TestedFiring()
    {
        var untested = AlertRules.Alerts.Select(rule => rule.TextAt("alert")!).Except(AlertRules.AlertsTestedFiring).ToList();

        Assert.True(untested.Count == 0, "No unit test makes these alerts fire: " + string.Join(", ", untested));
    }

    [Fact]
    public void EveryAlert_TestedSilent()
    {
        var untested = AlertRules.Alerts.Select(rule => rule.TextAt("alert")!).Except(AlertRules.AlertsTestedSilent).ToList();

        Assert.True(untested.Count == 0, "No unit test checks that these alerts stay silent: " + string.Join(", ", untested));
    }

    [Fact]
    public void EveryAlert_HasSeverityAndSummary()
    {
        var alerts = AlertRules.Alerts;

        Assert.NotEmpty(alerts);
        Assert.All(alerts, rule => Assert.Contains(rule.TextAt("labels", "severity"), new[] { "page", "ticket" }));
        Assert.All(alerts, rule => Assert.False(string.IsNullOrWhiteSpace(rule.TextAt("annotations", "summary")), rule.TextAt("alert")));
    }

    [Fact]
    public void EveryAlert_RunbookSectionExists()
    {
        var anchors = MarkdownAnchors(RepositoryFiles.ReadText("docs/operations.md"));

        var missing = AlertRules.Alerts
            .Select(rule => (Alert: rule.TextAt("alert"), Runbook: rule.TextAt("annotations", "runbook") ?? ""))
            .Where(entry => !entry.Runbook.StartsWith("docs/operations.md#", StringComparison.Ordinal)
                || !anchors.Contains(entry.Runbook["docs/operations.md#".Length..]))
            .Select(entry => $"{entry.Alert} ({entry.Runbook})")
            .ToList();

        Assert.True(missing.Count == 0, "No such section in docs/operations.md: " + string.Join(", ", missing));
    }

    [Fact]
    public void VoiceHelperSeries_ExportedByCodeOrPending()
    {
        var used = AlertRules.Alerts
            .SelectMany(rule => VoiceHelperSeries().Matches(rule.TextAt("expr")!).Select(match => match.Value))
            .ToHashSet();

        var unknown = used.Where(name => !ExportedMetricNames.All.Contains(name) && !PendingMetrics.Series.Contains(name)).ToList();

        Assert.True(unknown.Count == 0, "No instrument of the code exports: " + string.Join(", ", unknown));
    }

    [Fact]
    public void ExportedMetricNames_IngestionInstruments_Found()
    {
        Assert.Contains("voicehelper_ingestion_documents_total", ExportedMetricNames.All);
        Assert.Contains("voicehelper_ingestion_active", ExportedMetricNames.All);
        Assert.Contains("voicehelper_ingestion_duration_seconds_bucket", ExportedMetricNames.All);
    }

    [Fact]
    public void ExportedMetricNames_InferenceInstruments_Found()
    {
        Assert.Contains("voicehelper_inference_queue_depth", ExportedMetricNames.All);
        Assert.Contains("voicehelper_inference_requests_total", ExportedMetricNames.All);
        Assert.Contains("voicehelper_inference_requests_rejected_total", ExportedMetricNames.All);
        Assert.Contains("voicehelper_inference_batch_size_bucket", ExportedMetricNames.All);
        Assert.Contains("voicehelper_inference_placements_total", ExportedMetricNames.All);
    }

    // GitHub's heading anchors: lower case, punctuation other than '-' and '_' removed, spaces become '-'.
    private static HashSet<string> MarkdownAnchors(string markdown) =>
        markdown.Split('\n')
            .Where(line => line.StartsWith('#'))
            .Select(line => line.TrimStart('#').Trim().ToLowerInvariant())
            .Select(heading => AnchorPunctuation().Replace(heading, "").Replace(' ', '-'))
            .ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"\bvoicehelper_[a-z0-9_]+")]
    internal static partial Regex VoiceHelperSeries();

    [GeneratedRegex(@"[^a-z0-9 _-]")]
    private static partial Regex AnchorPunctuation();
}
