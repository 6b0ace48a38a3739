using VoiceHelper.Integration.Tests.Infrastructure;

namespace VoiceHelper.Integration.Tests.Clients;

/// <summary>
/// Turns a real recording into WAVE files of other formats with opusenc and opusdec from Debian's opus-tools, which
/// build.ps1 installs: the recording is encoded to Ogg Opus and decoded with the given opusdec options, such as
/// <c>--rate 44100 --force-stereo</c> or <c>--float</c>.
/// </summary>
public static class OpusRoundTrip
{
    private static readonly TimeSpan ToolTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Writes <paramref name="output"/> from <paramref name="wavePath"/> and returns its path.</summary>
    public static async Task<string> ConvertAsync(string wavePath, string output, params string[] decodeOptions)
    {
        var opus = Path.ChangeExtension(output, ".opus");
        await RunAsync("/usr/bin/opusenc", ["--quiet", wavePath, opus]);
        await RunAsync("/usr/bin/opusdec", ["--quiet", .. decodeOptions, opus, output]);
        return output;
    }

    private static async Task RunAsync(string tool, string[] arguments)
    {
        Assert.True(File.Exists(tool), $"{tool} is missing. Install opus-tools: dotnet pwsh ./build.ps1 setup.");
        var result = await CommandRunner.RunAsync(tool, arguments, ToolTimeout);
        Assert.True(result.ExitCode == 0, $"{tool} failed: {result}");
    }
}
