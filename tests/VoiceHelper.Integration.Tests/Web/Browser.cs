using VoiceHelper.Integration.Tests.Infrastructure;

namespace VoiceHelper.Integration.Tests.Web;

/// <summary>Where the browser tests find Chromium and put their screenshots.</summary>
internal static class Browser
{
    /// <summary>
    /// Debian's Chromium, which <c>build.ps1</c> installs. Playwright drives it as it is, so nothing is downloaded.
    /// </summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary><c>artifacts/web</c> under the repository root, created on first use.</summary>
    public static string ScreenshotFolder { get; } =
        Directory.CreateDirectory(Path.Combine(TestEnvironment.RepositoryRoot, "artifacts", "web")).FullName;
}
