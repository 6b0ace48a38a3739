namespace VoiceHelper.Cli;

/// <summary>
/// The process's standard streams, and whether a person is at them: results go to standard output, progress,
/// prompts and errors to standard error.
/// </summary>
internal sealed class Terminal
{
    public TextWriter Out => Console.Out;

    public TextWriter Error => Console.Error;

    public TextReader In => Console.In;

    /// <summary>Whether standard input is a terminal rather than a pipe or file.</summary>
    public bool IsInputInteractive => !Console.IsInputRedirected;

    /// <summary>Whether standard error is a terminal, where a progress line can redraw itself.</summary>
    public bool IsErrorInteractive => !Console.IsErrorRedirected;
}
