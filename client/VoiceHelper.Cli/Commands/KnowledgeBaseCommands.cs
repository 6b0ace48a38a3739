using System.CommandLine;
using VoiceHelper.Cli.Output;

namespace VoiceHelper.Cli.Commands;

/// <summary><c>vh kb create|list|show|delete</c>: the tenant's knowledge bases.</summary>
internal static class KnowledgeBaseCommands
{
    public static Command Create(Func<ParseResult, CliContext> contextOf)
    {
        var command = new Command("kb", "Creates, lists, shows and deletes knowledge bases.");
        command.Subcommands.Add(CreateCommand(contextOf));
        command.Subcommands.Add(ListCommand(contextOf));
        command.Subcommands.Add(ShowCommand(contextOf));
        command.Subcommands.Add(DeleteCommand(contextOf));
        return command;
    }

    private static Command CreateCommand(Func<ParseResult, CliContext> contextOf)
    {
        var name = new Argument<string>("name") { Description = "1 to 100 characters, unique among the tenant's knowledge bases." };
        InputChecks.RejectBlank(name, "a name of 1 to 100 characters");
        var command = new Command("create", "Creates a knowledge base and prints its id.") { name };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var context = contextOf(parse);
            using var client = context.CreateClient();

            var created = await client.Knowledge.CreateKnowledgeBaseAsync(parse.GetRequiredValue(name), cancellationToken);
            if (context.Json)
            {
                JsonOutput.Write(context.Terminal.Out, created);
            }
            else
            {
                context.Terminal.Out.WriteLine($"Created knowledge base '{created.Name}' with id {created.Id}.");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command ListCommand(Func<ParseResult, CliContext> contextOf)
    {
        var command = new Command("list", "Lists the knowledge bases, oldest first.");
        command.SetAction(async (parse, cancellationToken) =>
        {
            var context = contextOf(parse);
            using var client = context.CreateClient();

            var all = await client.Knowledge.ListKnowledgeBasesAsync(cancellationToken);
            if (context.Json)
            {
                JsonOutput.Write(context.Terminal.Out, all);
                return ExitCodes.Success;
            }

            var rows = all.Select(knowledgeBase => new[]
            {
                knowledgeBase.Id.ToString(), knowledgeBase.Name, TextTable.Time(knowledgeBase.CreatedAt),
            });
            TextTable.Write(context.Terminal.Out, ["ID", "NAME", "CREATED"], rows);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command ShowCommand(Func<ParseResult, CliContext> contextOf)
    {
        var reference = new Argument<string>("kb") { Description = "The knowledge base: its id or its name." };
        InputChecks.RejectBlank(reference, "a knowledge base's id or name, as 'vh kb list' shows them");
        var command = new Command("show", "Shows a knowledge base and its documents with their ingestion status.") { reference };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var context = contextOf(parse);
            using var client = context.CreateClient();

            var knowledgeBase = await KnowledgeBaseReference.ResolveAsync(client, parse.GetRequiredValue(reference), cancellationToken);
            var documents = await client.Knowledge.ListDocumentsAsync(knowledgeBase.Id, cancellationToken);
            if (context.Json)
            {
                JsonOutput.Write(context.Terminal.Out, new { KnowledgeBase = knowledgeBase, Documents = documents });
                return ExitCodes.Success;
            }

            context.Terminal.Out.WriteLine($"Knowledge base '{knowledgeBase.Name}' ({knowledgeBase.Id}), {Counts.Of(documents.Count, "document")}");
            var rows = documents.Select(document => new[]
            {
                document.Id.ToString(), TextTable.Status(document.Status), $"{document.ChunksEmbedded}/{document.ChunkCount}",
                document.FileName, document.ErrorCode ?? string.Empty,
            });
            TextTable.Write(context.Terminal.Out, ["ID", "STATUS", "CHUNKS", "FILE", "ERROR"], rows);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command DeleteCommand(Func<ParseResult, CliContext> contextOf)
    {
        var reference = new Argument<string>("kb") { Description = "The knowledge base: its id or its name." };
        InputChecks.RejectBlank(reference, "a knowledge base's id or name, as 'vh kb list' shows them");
        var command = new Command("delete", "Deletes a knowledge base with all its documents. There is no undo.") { reference };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var context = contextOf(parse);
            using var client = context.CreateClient();

            var knowledgeBase = await KnowledgeBaseReference.ResolveAsync(client, parse.GetRequiredValue(reference), cancellationToken);
            await client.Knowledge.DeleteKnowledgeBaseAsync(knowledgeBase.Id, cancellationToken);
            if (context.Json)
            {
                JsonOutput.Write(context.Terminal.Out, new { Deleted = knowledgeBase });
            }
            else
            {
                context.Terminal.Out.WriteLine($"Deleted knowledge base '{knowledgeBase.Name}' ({knowledgeBase.Id}).");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
