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
                "(kubectl: Debian package kubectl or kubernetes-client; node: Debian package nodejs).";
    }
}
