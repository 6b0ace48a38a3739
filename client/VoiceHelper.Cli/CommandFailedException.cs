namespace VoiceHelper.Cli;

/// <summary>A failure that ends a command with <see cref="ExitCode"/>, reported on standard error with <see cref="Code"/>.</summary>
internal sealed class CommandFailedException(int exitCode, string code, string message) : Exception(message)
{
    public int ExitCode { get; } = exitCode;

    /// <summary>A stable code for scripts: the gateway's error code, or one of the CLI's own such as <c>usage_error</c>.</summary>
    public string Code { get; } = code;

    public static CommandFailedException Usage(string message) => new(ExitCodes.UsageError, "usage_error", message);
}
