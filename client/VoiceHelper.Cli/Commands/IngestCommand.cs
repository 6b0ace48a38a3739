using System.CommandLine;
using VoiceHelper.Cli.Ingest;
using VoiceHelper.Cli.Output;
using VoiceHelper.Client;

namespace VoiceHelper.Cli.Commands;

/// <summary>
/// <c>vh ingest --kb KB PATH...</c>: uploads files and the documents in folders, waits until each is indexed, and
/// prints a status line per file. Exits with <see cref="ExitCodes.IngestFailed"/> when any file failed.
/// </summary>
internal static class IngestCommand
{
    public static Command Create(Func<ParseResult, CliContext> contextOf)
    {
        var knowledgeBase = CommonArguments.KnowledgeBase();
        var paths = new Argument<string[]>("path")
        {
            Description = "Files, and folders whose documents (" + string.Join(", ", DocumentTypes.Extensions) +
                ") are uploaded with those of their subfolders.",
            Arity = ArgumentArity.OneOrMore,
        };
        var noWait = new Option<bool>("--no-wait")
        {
            Description = "Returns once each file is stored, without waiting until it is indexed.",
        };
        InputChecks.RejectBlank(paths, "the path of a file or folder");
        var parallel = InputChecks.Number("--parallel", "How many files to upload at once, 1 to 16. Default 4.", 1, 16, 4);

        var command = new Command("ingest", "Uploads documents into a knowledge base and waits until they are indexed.")
        {
            knowledgeBase, paths, noWait, parallel,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(contextOf(parse),
            parse.GetRequiredValue(knowledgeBase), parse.GetRequiredValue(paths), !parse.GetValue(noWait),
            parse.GetValue(parallel), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, string reference, string[] paths, bool wait, int parallel,
        CancellationToken cancellationToken)
    {
        var selection = FileSelection.Collect(paths);
        if (selection.Files.Count == 0 && selection.Missing.Count == 0)
        {
            throw CommandFailedException.Usage(
                $"Found no documents to ingest in {string.Join(", ", paths)}; supported: {string.Join(", ", DocumentTypes.Extensions)}.");
        }

        using var client = context.CreateClient();
        var target = await KnowledgeBaseReference.ResolveAsync(client, reference, cancellationToken);
        var terminal = context.Terminal;
        var progress = new ProgressLine(terminal.Error, terminal.IsErrorInteractive && !context.Json,
            selection.Files.Count + selection.Missing.Count);
        var outcomes = new List<IngestOutcome>();
        void Record(IngestOutcome outcome)
        {
            lock (outcomes)
            {
                outcomes.Add(outcome);
            }

            progress.Complete(terminal.Out, context.Json ? null : Describe(outcome));
        }

        foreach (var missing in selection.Missing)
        {
            Record(IngestOutcome.Failure(missing, "file_not_found", $"'{missing}' is no file or folder."));
        }

        var options = new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(selection.Files, options, async (path, token) =>
            Record(await UploadAsync(client, target.Id, path, wait, progress, token)));
        progress.Finish();

        return Report(context, target, outcomes, selection.Skipped);
    }

    private static async Task<IngestOutcome> UploadAsync(
        VoiceHelperClient client, Guid knowledgeBaseId, string path, bool wait, ProgressLine progress,
        CancellationToken cancellationToken)
    {
        var reporter = new InlineProgress<UploadProgress>(update => progress.Report(path, update));
        try
        {
            var result = await client.Knowledge.UploadDocumentAsync(knowledgeBaseId, path,
                new UploadOptions { WaitUntilIndexed = wait }, reporter, cancellationToken);
            return IngestOutcome.From(path, result);
        }
        catch (VoiceHelperException exception) when (IsFileFailure(exception))
        {
            return IngestOutcome.Failure(path, exception.ErrorCode ?? "upload_failed", exception.Message);
        }
        catch (IOException exception)
        {
            return IngestOutcome.Failure(path, "file_unreadable", exception.Message);
        }
        catch (UnauthorizedAccessException exception)
        {
            return IngestOutcome.Failure(path, "file_unreadable", exception.Message);
        }
    }

    // A rejected key or a deleted knowledge base fails every file alike, so they end the command with their own code.
    private static bool IsFileFailure(VoiceHelperException exception) =>
        exception is not (VoiceHelperAuthenticationException or VoiceHelperPermissionException or VoiceHelperNotFoundException);

    private static int Report(CliContext context, KnowledgeBase target, List<IngestOutcome> outcomes, int skipped)
    {
        var failed = outcomes.Count(outcome => outcome.Failed);
        if (context.Json)
        {
            JsonOutput.Write(context.Terminal.Out, new { KnowledgeBase = target, Files = outcomes, Skipped = skipped });
        }
        else
        {
            var counts = outcomes.GroupBy(outcome => outcome.Status).OrderBy(group => group.Key, StringComparer.Ordinal)
                .Select(group => $"{group.Count()} {group.Key}");
            var skippedText = skipped == 0 ? string.Empty : $"; skipped {Counts.Of(skipped, "file")} of other types";
            context.Terminal.Error.WriteLine(
                $"{Counts.Of(outcomes.Count, "file")} into '{target.Name}': {string.Join(", ", counts)}{skippedText}.");
        }

        return failed == 0 ? ExitCodes.Success : ExitCodes.IngestFailed;
    }

    private static string Describe(IngestOutcome outcome) => outcome.Failed
        ? $"{outcome.Status,-9}  {outcome.Path}  {outcome.ErrorCode}: {outcome.ErrorMessage}"
        : $"{outcome.Status,-9}  {outcome.Path}  {Counts.Of(outcome.ChunkCount, "chunk")}  {outcome.DocumentId}";
}
