using VoiceHelper.Deployment.Tests.Infrastructure;

namespace VoiceHelper.Deployment.Tests.Monitoring;

/// <summary>The alert rules and their promtool unit tests under monitoring/prometheus, parsed with YamlDotNet.</summary>
internal static class AlertRules
{
    public const string RulesFolder = "monitoring/prometheus/rules";

    public const string TestsFolder = "monitoring/prometheus/tests";

    /// <summary>The rule files, relative to the repository root.</summary>
    public static IReadOnlyList<string> RuleFiles => Files(RulesFolder);

    /// <summary>The promtool unit test files, relative to the repository root.</summary>
    public static IReadOnlyList<string> TestFiles => Files(TestsFolder);

    /// <summary>Every alerting rule of every rule file.</summary>
    public static IReadOnlyList<Dictionary<object, object?>> Alerts =>
        RuleFiles
            .SelectMany(file => YamlDocuments.ParseOne(RepositoryFiles.ReadText(file)).SequenceAt("groups"))
            .SelectMany(group => group.SequenceAt("rules"))
            .OfType<Dictionary<object, object?>>()
            .Where(rule => rule.TextAt("alert") is not null)
            .ToList();

    /// <summary>The names of the alerts that some unit test expects to fire.</summary>
    public static IReadOnlySet<string> AlertsTestedFiring =>
        TestFiles
            .SelectMany(file => YamlDocuments.ParseOne(RepositoryFiles.ReadText(file)).SequenceAt("tests"))
            .SelectMany(test => test.SequenceAt("alert_rule_test"))
            .Where(check => check.SequenceAt("exp_alerts").Count > 0)
            .Select(check => check.TextAt("alertname")!)
            .ToHashSet();

    /// <summary>The names of the alerts that some unit test expects to stay silent at some time.</summary>
    public static IReadOnlySet<string> AlertsTestedSilent =>
        TestFiles
            .SelectMany(file => YamlDocuments.ParseOne(RepositoryFiles.ReadText(file)).SequenceAt("tests"))
            .SelectMany(test => test.SequenceAt("alert_rule_test"))
            .Where(check => check.SequenceAt("exp_alerts").Count == 0)
            .Select(check => check.TextAt("alertname")!)
            .ToHashSet();

    private static List<string> Files(string folder) =>
        Directory.EnumerateFiles(RepositoryFiles.PathOf(folder), "*.yml")
            .Select(path => Path.GetRelativePath(RepositoryFiles.Root, path).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
}
