namespace VoiceHelper.Deployment.Tests.Infrastructure;

/// <summary>Checks that the programs a test runs are on PATH.</summary>
internal static class RequiredTools
{
    /// <summary>Returns why a test that runs these programs must be skipped, or null when all are on PATH.</summary>
    public static string? SkipReason(IEnumerable<string> tools)
    {
        var missing = tools.Where(tool => ExternalTool.Find(tool) is null).ToArray();
        return missing.Length == 0
            ? null
            : $"{string.Join(" and ", missing)} not found on PATH. Install it to run this test " +
                $"({string.Join("; ", missing.Select(tool => $"{tool}: {Sources.GetValueOrDefault(tool, "see its documentation")}"))}).";
    }

    // Where each program comes from, for the skip message.
    private static readonly Dictionary<string, string> Sources = new()
    {
        ["kubectl"] = "Debian package kubectl or kubernetes-client",
        ["node"] = "Debian package nodejs",
        ["npm"] = "Debian package npm",
        ["promtool"] = "Debian package prometheus, which build.ps1 setup and test install as root",
    };
}
