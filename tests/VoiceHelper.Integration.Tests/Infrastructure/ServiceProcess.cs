using System.Diagnostics;
using System.Text;

namespace VoiceHelper.Integration.Tests.Infrastructure;

/// <summary>
/// One real silo or gateway process started from its build output, with its output kept for failure messages.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private const int MaxKeptLines = 400;
    private readonly Process _process;
    private readonly Queue<string> _output = new();

    private ServiceProcess(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    public string Name { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>Starts <c>dotnet ASSEMBLY ARGS</c> with the environment variables added to the test's own.</summary>
    public static ServiceProcess Start(
        string name, string assemblyPath, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        if (!File.Exists(assemblyPath))
        {
            throw new FileNotFoundException(
                $"{name} is not built at '{assemblyPath}'. Build the solution first (build.ps1 test does).", assemblyPath);
        }

        var startInfo = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
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

        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        var service = new ServiceProcess(name, process);
        process.OutputDataReceived += (_, line) => service.Keep(line.Data);
        process.ErrorDataReceived += (_, line) => service.Keep(line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return service;
    }

    /// <summary>Returns the last lines the process wrote, for assertion messages.</summary>
    public string RecentOutput()
    {
        lock (_output)
        {
            var text = new StringBuilder();
            text.AppendLine($"--- last output of {Name} (exited: {_process.HasExited}) ---");
            foreach (var line in _output)
            {
                text.AppendLine(line);
            }

            return text.ToString();
        }
    }

    /// <summary>Waits for the process to exit and returns its exit code and output.</summary>
    public async Task<(int ExitCode, string Output)> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancellation.Token);
        _process.WaitForExit();
        return (_process.ExitCode, RecentOutput());
    }

    /// <summary>Kills the process at once, as a crash would, without a graceful shutdown.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Enqueue(line);
            if (_output.Count > MaxKeptLines)
            {
                _output.Dequeue();
            }
        }
    }
}
