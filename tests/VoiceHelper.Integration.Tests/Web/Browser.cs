namespace VoiceHelper.Integration.Tests.Web;

/// <summary>Where the browser tests find Chromium and put their screenshots.</summary>
internal static class Browser
{
    /// <summary>
    /// Debian's Chromium, which <c>build.ps1</c> installs. Playwright drives it as it is, so nothing is downloaded.
    /// </summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary><c>artifacts/web</c> under the repository root, created on first use.</summary>
    public static string ScreenshotFolder { get; } = CreateScreenshotFolder();

    private static string CreateScreenshotFolder()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "VoiceHelper.sln")))
        {
            directory = directory.Parent;
        }

        var root = directory?.FullName ?? AppContext.BaseDirectory;
        var folder = Path.Combine(root, "artifacts", "web");
        Directory.CreateDirectory(folder);
        return folder;
    }
}
