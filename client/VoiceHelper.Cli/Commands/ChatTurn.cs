using VoiceHelper.Cli.Output;
using VoiceHelper.Client;

namespace VoiceHelper.Cli.Commands;

/// <summary>One question of <c>vh chat</c> and the events of its answer, written as they arrive and summed up at the end.</summary>
internal sealed class ChatTurn(Guid conversationId, string question)
{
    private readonly System.Text.StringBuilder _text = new();
    private Guid? _userMessageId;
    private Guid? _responseId;
    private IReadOnlyList<Citation> _sources = [];
    private Message? _assistantMessage;
    private VoiceHelperException? _rejection;

    public MessageStatus Status => _rejection is not null
        ? MessageStatus.Failed
        : _assistantMessage?.Status ?? MessageStatus.Cancelled;

    /// <summary>Takes the next event, writing a text piece to <paramref name="output"/> when one is given.</summary>
    public void Add(ChatEvent chatEvent, TextWriter? output)
    {
        switch (chatEvent)
        {
            case ResponseStarted started:
                _userMessageId = started.UserMessage.Id;
                _responseId = started.ResponseId;
                break;
            case TextDelta delta:
                _text.Append(delta.Text);
                output?.Write(delta.Text);
                output?.Flush();
                break;
            case ResponseSources sources:
                _sources = sources.Sources;
                break;
            case ResponseDone done:
                _assistantMessage = done.AssistantMessage;
                break;
        }
    }

    /// <summary>Records that Ctrl+C stopped the answer before it ended.</summary>
    public void MarkStopped() => _assistantMessage = null;

    /// <summary>Records that the gateway rejected the question, such as one over the length limit.</summary>
    public void MarkRejected(VoiceHelperException rejection) => _rejection = rejection;

    /// <summary>Ends the turn's output: the sources and any problem for people, or one JSON line.</summary>
    public void Write(Terminal terminal, bool json)
    {
        var text = _assistantMessage?.Text ?? _text.ToString();
        if (json)
        {
            JsonOutput.WriteLine(terminal.Out, new
            {
                ConversationId = conversationId, Question = question, UserMessageId = _userMessageId,
                ResponseId = _responseId, Status, Answer = text, Sources = _sources, ErrorCode = _rejection?.ErrorCode,
                ErrorMessage = _rejection is null ? _assistantMessage?.ErrorMessage : ErrorReport.Describe(_rejection),
            });
            return;
        }

        if (_rejection is not null)
        {
            ErrorReport.Write(_rejection, terminal.Error, json: false);
            terminal.Out.WriteLine();
            return;
        }

        // A stream rebuilt from the stored message may carry no text pieces; the stored text is then the answer.
        if (_text.Length == 0)
        {
            terminal.Out.Write(text);
        }

        terminal.Out.WriteLine();
        if (Status == MessageStatus.Completed)
        {
            SourceText.Write(terminal.Out, _sources);
        }
        else
        {
            var reason = _assistantMessage?.ErrorMessage ?? (_assistantMessage is null ? "stopped by Ctrl+C" : "cancelled by a newer message or another client");
            terminal.Error.WriteLine($"vh: answer {Status.ToString().ToLowerInvariant()}: {reason}");
        }

        terminal.Out.WriteLine();
    }
}
