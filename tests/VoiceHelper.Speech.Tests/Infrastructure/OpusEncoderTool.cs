using System.Diagnostics;

namespace VoiceHelper.Speech.Tests.Infrastructure;

/// <summary>Encodes WAVE files to Ogg Opus with opusenc from Debian's opus-tools, which build.ps1 installs.</summary>
internal static class OpusEncoderTool
{
    private const string Path = "/usr/bin/opusenc";

    public static byte[] Encode(string wavePath, params string[] extraArguments)
    {
        if (!File.Exists(Path))
        {
            throw new FileNotFoundException($"{Path} is missing. Install opus-tools: dotnet pwsh ./build.ps1 setup.", Path);
        }

        var output = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"voicehelper-{Guid.NewGuid():N}.opus");
        try
        {
            var start = new ProcessStartInfo(Path) { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var argument in extraArguments.Concat(["--quiet", wavePath, output]))
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEnd();
            if (!process.WaitForExit(30_000) || process.ExitCode != 0)
            {
                throw new InvalidOperationException($"opusenc failed for '{wavePath}': {error}");
            }

            return File.ReadAllBytes(output);
        }
        finally
        {
            File.Delete(output);
        }
    }
}
