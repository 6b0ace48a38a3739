namespace VoiceHelper.Integration.Tests.Infrastructure;

/// <summary>Runs a client program (the <c>vh</c> command or the SDK sample) as a process, as a script would.</summary>
public static class ClientProcess
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(3);

    /// <summary>
    /// Runs <c>dotnet ASSEMBLY ARGS</c> with <paramref name="environment"/> added to the test's own environment, writes
    /// <paramref name="input"/> to its standard input and closes it, and waits for the exit.
    /// </summary>
    public static Task<CommandRunner.Result> RunAsync(string assemblyPath, IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string> environment, string? input = null, string? workingDirectory = null,
        TimeSpan? timeout = null)
    {
        if (!File.Exists(assemblyPath))
        {
            throw new FileNotFoundException(
                $"'{assemblyPath}' is not built. Build the solution first (build.ps1 test does).", assemblyPath);
        }

        return CommandRunner.RunAsync("dotnet", [assemblyPath, .. arguments], timeout ?? DefaultTimeout,
            workingDirectory ?? Path.GetTempPath(), environment, input);
    }
}
