using System.CommandLine;
using VoiceHelper.Cli.Output;
using VoiceHelper.Client;

namespace VoiceHelper.Cli.Commands;

/// <summary>
/// <c>vh history [CONVERSATION]</c>: the recent conversations, or every turn of one conversation with the sources of
/// its answers.
/// </summary>
internal static class HistoryCommand
{
    public static Command Create(Func<ParseResult, CliContext> contextOf)
    {
        var conversation = new Argument<string?>("conversation")
        {
            Description = "A conversation id: shows its turns. Without it, lists the recent conversations.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        InputChecks.RejectBlank(conversation, "a conversation id from 'vh history'");
        var limit = InputChecks.Number("--limit",
            "How many conversations to list, most recent activity first, 1 to 200. Default 20.", 1, 200, 20);
        var command = new Command("history", "Lists conversations, or shows the turns of one.") { conversation, limit };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var context = contextOf(parse);
            using var client = context.CreateClient();
            if (parse.GetValue(conversation) is { } value)
            {
                var id = Guid.TryParse(value, out var parsed)
                    ? parsed
                    : throw CommandFailedException.Usage($"'{value}' is not a conversation id; list them with 'vh history'.");
                await ShowConversationAsync(context, client, id, cancellationToken);
            }
            else
            {
                await ListConversationsAsync(context, client, parse.GetValue(limit), cancellationToken);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task ListConversationsAsync(
        CliContext context, VoiceHelperClient client, int limit, CancellationToken cancellationToken)
    {
        var page = await client.Conversations.ListAsync(limit, cancellationToken: cancellationToken);
        if (context.Json)
        {
            JsonOutput.Write(context.Terminal.Out, page.Items);
            return;
        }

        var rows = page.Items.Select(conversation => new[]
        {
            conversation.Id.ToString(), TextTable.Time(conversation.LastActivityAt), conversation.Title ?? "(untitled)",
        });
        TextTable.Write(context.Terminal.Out, ["ID", "LAST ACTIVITY", "TITLE"], rows);
    }

    private static async Task ShowConversationAsync(
        CliContext context, VoiceHelperClient client, Guid id, CancellationToken cancellationToken)
    {
        var conversation = await client.Conversations.GetAsync(id, cancellationToken);
        var messages = await client.Conversations.GetHistoryAsync(id, cancellationToken);
        if (context.Json)
        {
            JsonOutput.Write(context.Terminal.Out, new { Conversation = conversation, Messages = messages });
            return;
        }

        var output = context.Terminal.Out;
        output.WriteLine($"Conversation {conversation.Id}: {conversation.Title ?? "(untitled)"}, {Counts.Of(messages.Count, "message")}");
        foreach (var message in messages)
        {
            output.WriteLine();
            var speaker = message.Role == MessageRole.User ? "you" : "assistant";
            var status = message.Status is MessageStatus.Completed ? string.Empty : $" ({message.Status.ToString().ToLowerInvariant()})";
            output.WriteLine($"[{message.Sequence}] {speaker}{status}, {TextTable.Time(message.CreatedAt)}:");
            output.WriteLine(message.Text);
            SourceText.Write(output, message.Sources);
        }
    }
}
