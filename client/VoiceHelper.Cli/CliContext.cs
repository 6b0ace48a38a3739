using System.CommandLine;
using VoiceHelper.Cli.Configuration;
using VoiceHelper.Client;

namespace VoiceHelper.Cli;

/// <summary>What a command's action needs besides its own arguments: the parsed global options, the streams and Ctrl+C.</summary>
internal sealed class CliContext(ParseResult parse, GlobalOptions options, Terminal terminal, Interrupts interrupts)
{
    public Terminal Terminal { get; } = terminal;

    public Interrupts Interrupts { get; } = interrupts;

    /// <summary>Whether results are written as JSON.</summary>
    public bool Json => parse.GetValue(options.Json);

    /// <summary>Creates the SDK client from the resolved connection settings.</summary>
    public VoiceHelperClient CreateClient() =>
        new(ConnectionSettings.Resolve(parse, options, Directory.GetCurrentDirectory()));
}
