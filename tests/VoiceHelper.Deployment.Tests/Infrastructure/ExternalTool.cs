using System.Diagnostics;

namespace VoiceHelper.Deployment.Tests.Infrastructure;

/// <summary>Finds programs on PATH and runs them with a time limit.</summary>
internal static class ExternalTool
{
    /// <summary>Returns the full path of an executable on PATH, or null when there is none.</summary>
    public static string? Find(string name)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, name))
            .FirstOrDefault(File.Exists);
    }

    /// <summary>
    /// Runs a program and returns its exit code and output. Throws <see cref="TimeoutException"/>, after killing
    /// the process, when it runs longer than <paramref name="timeout"/>.
    /// </summary>
    public static async Task<ToolResult> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        TimeSpan timeout,
        string? standardInput = null,
        IReadOnlyDictionary<string, string?>? environment = null,
        string? workingDirectory = null)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? RepositoryFiles.Root,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            startInfo.Environment[name] = value;
        }

        using var process = Process.Start(startInfo)
            ?? throw new InvalidOperationException($"Failed to start '{fileName}'.");
        return await CollectAsync(process, startInfo, timeout, standardInput);
    }

    private static async Task<ToolResult> CollectAsync(
        Process process, ProcessStartInfo startInfo, TimeSpan timeout, string? standardInput)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        var output = process.StandardOutput.ReadToEndAsync(cancellation.Token);
        var error = process.StandardError.ReadToEndAsync(cancellation.Token);
        await process.StandardInput.WriteAsync(standardInput ?? "");
        process.StandardInput.Close();
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
            return new ToolResult(process.ExitCode, await output, await error);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            var command = string.Join(' ', [startInfo.FileName, .. startInfo.ArgumentList]);
            throw new TimeoutException($"'{command}' timed out after {timeout.TotalSeconds} s.");
        }
    }
}
