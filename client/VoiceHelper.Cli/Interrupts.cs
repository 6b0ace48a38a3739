namespace VoiceHelper.Cli;

/// <summary>
/// Handles Ctrl+C. During an interruptible step, such as one streamed answer of <c>vh chat</c>, it cancels only that
/// step. While a command waits for a line of input it lets the runtime end the process. Otherwise it cancels the
/// command, which then exits with <see cref="ExitCodes.Interrupted"/>.
/// </summary>
internal sealed class Interrupts : IDisposable
{
    private readonly CancellationTokenSource _command = new();
    private readonly Lock _gate = new();
    private CancellationTokenSource? _step;
    private bool _waitingForInput;

    public Interrupts() => Console.CancelKeyPress += OnCancelKeyPress;

    /// <summary>Cancelled when Ctrl+C stops the whole command.</summary>
    public CancellationToken CommandToken => _command.Token;

    /// <summary>Starts a step that Ctrl+C cancels alone; dispose the returned source when the step ends.</summary>
    public CancellationTokenSource BeginStep()
    {
        lock (_gate)
        {
            _step = CancellationTokenSource.CreateLinkedTokenSource(_command.Token);
            return _step;
        }
    }

    /// <summary>Ends the current step, so Ctrl+C stops the command again.</summary>
    public void EndStep()
    {
        lock (_gate)
        {
            _step?.Dispose();
            _step = null;
        }
    }

    /// <summary>Marks whether the command is blocked reading a line, which no token can interrupt.</summary>
    public void SetWaitingForInput(bool waiting)
    {
        lock (_gate)
        {
            _waitingForInput = waiting;
        }
    }

    public void Dispose()
    {
        Console.CancelKeyPress -= OnCancelKeyPress;
        EndStep();
        _command.Dispose();
    }

    private void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs arguments)
    {
        lock (_gate)
        {
            if (_step is { IsCancellationRequested: false })
            {
                _step.Cancel();
                arguments.Cancel = true;
            }
            else if (!_waitingForInput)
            {
                _command.Cancel();
                arguments.Cancel = true;
            }
        }
    }
}
