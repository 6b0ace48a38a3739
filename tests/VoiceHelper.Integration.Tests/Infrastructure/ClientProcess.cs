using System.Diagnostics;

namespace VoiceHelper.Integration.Tests.Infrastructure;

/// <summary>Runs a client program (the <c>vh</c> command or the SDK sample) as a process, as a script would.</summary>
public static class ClientProcess
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(3);

    /// <summary>What the process wrote and how it exited.</summary>
    public sealed record Result(int ExitCode, string Output, string Error)
    {
        public override string ToString() => $"exit code {ExitCode}\n--- stdout ---\n{Output}\n--- stderr ---\n{Error}";
    }

    /// <summary>
    /// Runs <c>dotnet ASSEMBLY ARGS</c> with <paramref name="environment"/> added to the test's own environment, writes
    /// <paramref name="input"/> to its standard input and closes it, and waits for the exit.
    /// </summary>
    public static async Task<Result> RunAsync(string assemblyPath, IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string> environment, string? input = null, string? workingDirectory = null,
        TimeSpan? timeout = null)
    {
        if (!File.Exists(assemblyPath))
        {
            throw new FileNotFoundException(
                $"'{assemblyPath}' is not built. Build the solution first (build.ps1 test does).", assemblyPath);
        }

        var startInfo = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
        startInfo.ArgumentList.Add(assemblyPath);
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            startInfo.Environment[key] = value;
        }

        using var process = Process.Start(startInfo)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(input ?? string.Empty);
        process.StandardInput.Close();

        using var cancellation = new CancellationTokenSource(timeout ?? DefaultTimeout);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"'{string.Join(' ', startInfo.ArgumentList)}' did not exit within {timeout ?? DefaultTimeout}.\n" +
                $"{await output}\n{await error}");
        }

        return new Result(process.ExitCode, await output, await error);
    }
}
