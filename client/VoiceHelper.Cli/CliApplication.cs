using System.CommandLine;
using VoiceHelper.Cli.Commands;
using VoiceHelper.Cli.Configuration;
using VoiceHelper.Cli.Output;

namespace VoiceHelper.Cli;

/// <summary>The <c>vh</c> command tree, and the one place that turns failures into exit codes and error reports.</summary>
internal static class CliApplication
{
    private const string Description =
        "vh, the command-line client of VoiceHelper: knowledge bases, document ingestion, questions, chat, spoken " +
        "questions from recordings, history, API keys and usage, over the gateway's gRPC API. Exit codes: 0 success, 1 other failure, 2 usage error, " +
        "3 authentication failed, 4 permission denied, 5 not found, 6 rejected by the gateway, 7 gateway unavailable, " +
        "8 timed out, 9 some files failed to ingest, 130 stopped by Ctrl+C.";

    public static async Task<int> RunAsync(string[] args)
    {
        var terminal = new Terminal();
        var options = new GlobalOptions();
        using var interrupts = new Interrupts();
        CliContext ContextOf(ParseResult parse) => new(parse, options, terminal, interrupts);

        var root = new RootCommand(Description);
        options.AddTo(root);
        root.Subcommands.Add(KnowledgeBaseCommands.Create(ContextOf));
        root.Subcommands.Add(IngestCommand.Create(ContextOf));
        root.Subcommands.Add(AskCommand.Create(ContextOf));
        root.Subcommands.Add(ChatCommand.Create(ContextOf));
        root.Subcommands.Add(HistoryCommand.Create(ContextOf));
        root.Subcommands.Add(KeyCommands.Create(ContextOf));
        root.Subcommands.Add(UsageCommand.Create(ContextOf));
        root.Subcommands.Add(TalkCommand.Create(ContextOf));

        var parse = root.Parse(args);
        var json = parse.GetValue(options.Json);
        if (parse.Errors.Count > 0)
        {
            var message = string.Join(" ", parse.Errors.Select(error => error.Message)) +
                $" Run '{CommandPath(parse)} --help' for usage.";
            return ErrorReport.Write(CommandFailedException.Usage(message), terminal.Error, json);
        }

        try
        {
            var configuration = new InvocationConfiguration
            {
                EnableDefaultExceptionHandler = false,
                // Interrupts handles Ctrl+C, so that vh chat can stop one answer without ending.
                ProcessTerminationTimeout = null,
            };
            return await parse.InvokeAsync(configuration, interrupts.CommandToken);
        }
        catch (Exception exception)
        {
            return ErrorReport.Write(exception, terminal.Error, json);
        }
    }

    private static string CommandPath(ParseResult parse)
    {
        var names = new List<string>();
        for (var result = parse.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Add(result.Command is RootCommand ? "vh" : result.Command.Name);
        }

        names.Reverse();
        return string.Join(' ', names);
    }
}
