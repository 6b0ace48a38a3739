using System.Diagnostics;
using System.Text;

namespace VoiceHelper.Bench.Gateway;

/// <summary>
/// A <c>dotnet</c> process that runs one of the product's built assemblies, with the last lines of its output kept
/// so that a failed start can show why.
/// </summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    private const int KeptLineCount = 200;

    private readonly Process _process;
    private readonly Queue<string> _lines = new();

    private ChildProcess(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    public string Name { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>The CPU time that the process has used so far, user and system.</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary>Starts <c>dotnet ASSEMBLY ARGUMENTS</c> with <paramref name="environment"/> added to this process's.</summary>
    /// <exception cref="FileNotFoundException">The assembly is not built.</exception>
    public static ChildProcess Start(
        string name, string assemblyPath, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        if (!File.Exists(assemblyPath))
        {
            throw new FileNotFoundException(
                $"The {name} assembly '{assemblyPath}' does not exist. Build the solution in Release first.",
                assemblyPath);
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

        var process = new Process { StartInfo = startInfo };
        var child = new ChildProcess(name, process);
        process.OutputDataReceived += (_, line) => child.Keep(line.Data);
        process.ErrorDataReceived += (_, line) => child.Keep(line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Waits for the process to exit and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(CancellationToken cancellationToken)
    {
        await _process.WaitForExitAsync(cancellationToken);

        // The parameterless overload also waits until the redirected output has been read to its end.
        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>Returns the last lines that the process wrote to standard output and standard error.</summary>
    public string RecentOutput()
    {
        lock (_lines)
        {
            var text = new StringBuilder($"--- last output of {Name} (exited: {_process.HasExited}) ---\n");
            foreach (var line in _lines)
            {
                text.Append(line).Append('\n');
            }

            return text.ToString();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lines)
        {
            _lines.Enqueue(line);
            if (_lines.Count > KeptLineCount)
            {
                _lines.Dequeue();
            }
        }
    }
}
