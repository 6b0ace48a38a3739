using System.CommandLine;
using VoiceHelper.Client;

namespace VoiceHelper.Cli.Commands;

/// <summary>
/// <c>vh chat</c>: a conversation that reads one question per line, from the terminal or from a pipe, streams each answer
/// as it is written, and lists its sources after it.
/// </summary>
internal static class ChatCommand
{
    private const int MaxTitleLength = 200;

    public static Command Create(Func<ParseResult, CliContext> contextOf)
    {
        var knowledgeBase = CommonArguments.KnowledgeBase(required: false);
        var conversation = new Option<string?>("--conversation")
        {
            Description = "Continues this conversation (an id from 'vh history') instead of starting one.",
        };
        var title = new Option<string?>("--title")
        {
            Description = "The title of a new conversation. Default: the first question.",
        };
        InputChecks.RejectBlank(conversation, "a conversation id from 'vh history'");
        InputChecks.RejectBlank(title, "a title of 1 to 200 characters, or leave the option out");
        var command = new Command("chat",
            "Starts or continues a conversation: reads one question per line from standard input (a terminal or a " +
            "pipe), streams each answer and lists its sources. The end of input (Ctrl+D) or /exit ends it, and empty " +
            "lines are skipped. Ctrl+C stops the answer being written. Exits with 1 when any answer failed or a " +
            "question was rejected.")
        {
            knowledgeBase, conversation, title,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var session = new ChatSession(contextOf(parse), parse.GetValue(knowledgeBase),
                ParseConversationId(parse.GetValue(conversation)), parse.GetValue(title));
            return session.RunAsync(cancellationToken);
        });
        return command;
    }

    private static Guid? ParseConversationId(string? value) => value switch
    {
        null => null,
        _ when Guid.TryParse(value, out var id) => id,
        _ => throw CommandFailedException.Usage($"--conversation '{value}' is not a conversation id; list them with 'vh history'."),
    };

    /// <summary>One run of <c>vh chat</c>.</summary>
    private sealed class ChatSession(CliContext context, string? knowledgeBaseReference, Guid? conversationId, string? title)
    {
        private readonly Terminal _terminal = context.Terminal;
        private Conversation? _conversation;

        public async Task<int> RunAsync(CancellationToken cancellationToken)
        {
            if (knowledgeBaseReference is null && conversationId is null)
            {
                throw CommandFailedException.Usage("Pass --kb to start a conversation, or --conversation to continue one.");
            }

            using var client = context.CreateClient();
            var knowledgeBase = knowledgeBaseReference is null
                ? null
                : await KnowledgeBaseReference.ResolveAsync(client, knowledgeBaseReference, cancellationToken);
            if (conversationId is { } id)
            {
                _conversation = await ContinueAsync(client, id, knowledgeBase, cancellationToken);
            }

            if (_terminal.IsInputInteractive && !context.Json)
            {
                _terminal.Error.WriteLine("Type a question and press Enter. Ctrl+D or /exit ends the conversation; Ctrl+C stops an answer.");
            }

            var anyFailed = false;
            while (await ReadQuestionAsync() is { } question)
            {
                _conversation ??= await StartAsync(client, knowledgeBase!, question, cancellationToken);
                var status = await AnswerAsync(client, _conversation.Id, question, cancellationToken);
                anyFailed |= status == MessageStatus.Failed;
            }

            return anyFailed ? ExitCodes.Failure : ExitCodes.Success;
        }

        private async Task<Conversation> ContinueAsync(
            VoiceHelperClient client, Guid id, KnowledgeBase? knowledgeBase, CancellationToken cancellationToken)
        {
            var conversation = await client.Conversations.GetAsync(id, cancellationToken);
            if (knowledgeBase is not null && conversation.KnowledgeBaseId != knowledgeBase.Id)
            {
                conversation = await client.Conversations.UpdateAsync(
                    id, new ConversationSettings { KnowledgeBaseId = knowledgeBase.Id }, cancellationToken);
            }

            if (conversation.KnowledgeBaseId is null)
            {
                throw CommandFailedException.Usage($"Conversation {id} has no knowledge base to answer from; pass --kb.");
            }

            Announce(conversation);
            return conversation;
        }

        private async Task<Conversation> StartAsync(
            VoiceHelperClient client, KnowledgeBase knowledgeBase, string firstQuestion, CancellationToken cancellationToken)
        {
            var conversationTitle = title ?? (firstQuestion.Length <= MaxTitleLength ? firstQuestion : firstQuestion[..MaxTitleLength]);
            var settings = new ConversationSettings { Title = conversationTitle, KnowledgeBaseId = knowledgeBase.Id };
            var conversation = await client.Conversations.CreateAsync(settings, cancellationToken);
            Announce(conversation);
            return conversation;
        }

        private void Announce(Conversation conversation)
        {
            if (!context.Json)
            {
                _terminal.Error.WriteLine($"Conversation {conversation.Id}");
            }
        }

        // Returns the next question, or null at the end of input or on /exit. Blank lines are skipped.
        private async Task<string?> ReadQuestionAsync()
        {
            while (true)
            {
                if (_terminal.IsInputInteractive && !context.Json)
                {
                    _terminal.Error.Write("> ");
                    _terminal.Error.Flush();
                }

                context.Interrupts.SetWaitingForInput(true);
                string? line;
                try
                {
                    line = await _terminal.In.ReadLineAsync();
                }
                finally
                {
                    context.Interrupts.SetWaitingForInput(false);
                }

                var question = line?.Trim();
                if (question is null && _terminal.IsInputInteractive && !context.Json)
                {
                    // Ctrl+D leaves the cursor after the prompt.
                    _terminal.Error.WriteLine();
                }

                if (question is null or "/exit" or "/quit")
                {
                    return null;
                }

                if (question.Length > 0)
                {
                    return question;
                }
            }
        }

        private async Task<MessageStatus> AnswerAsync(
            VoiceHelperClient client, Guid id, string question, CancellationToken cancellationToken)
        {
            if (!_terminal.IsInputInteractive && !context.Json)
            {
                _terminal.Out.WriteLine($"> {question}");
            }

            var turn = new ChatTurn(id, question);
            var step = context.Interrupts.BeginStep();
            try
            {
                await foreach (var chatEvent in client.Conversations.ChatAsync(id, question, cancellationToken: step.Token))
                {
                    turn.Add(chatEvent, context.Json ? null : _terminal.Out);
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Ctrl+C stopped this answer only. The gateway stores what it wrote as a cancelled message.
                turn.MarkStopped();
            }
            catch (VoiceHelperException rejection) when (rejection is VoiceHelperValidationException or VoiceHelperConflictException)
            {
                // The gateway rejected this question alone, such as one over the length limit, so the next line still
                // gets its answer.
                turn.MarkRejected(rejection);
            }
            finally
            {
                context.Interrupts.EndStep();
            }

            turn.Write(_terminal, context.Json);
            return turn.Status;
        }
    }
}
