using System.Diagnostics;

namespace VoiceHelper.Integration.Tests.Infrastructure;

/// <summary>Runs a program to its end with a time limit and returns its exit code and output.</summary>
public static class CommandRunner
{
    /// <summary>The exit code and the standard output and error of a finished program.</summary>
    public sealed record Result(int ExitCode, string Output, string Error)
    {
        /// <summary>Both outputs, for assertion messages.</summary>
        public string Text => $"exit code {ExitCode}\n--- stdout ---\n{Output}\n--- stderr ---\n{Error}";

        public override string ToString() => Text;
    }

    /// <summary>
    /// Runs a program, with <paramref name="input"/> written to its standard input, which is then closed. Throws
    /// <see cref="TimeoutException"/>, after killing it, when it runs longer than <paramref name="timeout"/>.
    /// </summary>
    public static async Task<Result> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        TimeSpan timeout,
        string? workingDirectory = null,
        IReadOnlyDictionary<string, string>? environment = null,
        string? input = null)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? TestEnvironment.RepositoryRoot,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[name] = value;
        }

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Failed to start '{fileName}'.");
        using var cancellation = new CancellationTokenSource(timeout);
        var output = process.StandardOutput.ReadToEndAsync(cancellation.Token);
        var error = process.StandardError.ReadToEndAsync(cancellation.Token);
        try
        {
            await process.StandardInput.WriteAsync(input ?? string.Empty);
            process.StandardInput.Close();
            await process.WaitForExitAsync(cancellation.Token);
            return new Result(process.ExitCode, await output, await error);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            var command = string.Join(' ', [fileName, .. startInfo.ArgumentList]);
            throw new TimeoutException($"'{command}' did not finish within {timeout.TotalSeconds} s.");
        }
    }

    /// <summary>Runs <c>dotnet pwsh ./build.ps1 VERB ARGS</c> from the repository root.</summary>
    public static Task<Result> RunBuildScriptAsync(TimeSpan timeout, params string[] arguments) =>
        RunAsync("dotnet", ["pwsh", "-NoProfile", "./build.ps1", .. arguments], timeout);

    /// <summary>Runs <c>dotnet pwsh ./build.ps1 VERB ARGS</c> with environment variables added.</summary>
    public static Task<Result> RunBuildScriptAsync(
        TimeSpan timeout, IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        RunAsync("dotnet", ["pwsh", "-NoProfile", "./build.ps1", .. arguments], timeout, environment: environment);
}
