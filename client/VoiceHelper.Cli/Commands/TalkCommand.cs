using System.CommandLine;
using VoiceHelper.Cli.Talk;

namespace VoiceHelper.Cli.Commands;

/// <summary>
/// <c>vh talk FILE.wav</c>: a spoken question from a recording, streamed to a voice session at real-time pace, with
/// the transcript, the answer and its sources printed and the spoken answer written to a WAVE file.
/// </summary>
internal static class TalkCommand
{
    public static Command Create(Func<ParseResult, CliContext> contextOf)
    {
        var file = new Argument<string>("file")
        {
            Description = "A WAVE file: 16-bit PCM at any rate and channel count, or 8,000 Hz mono G.711.",
        };
        var knowledgeBase = CommonArguments.KnowledgeBase(required: false);
        var conversation = new Option<string?>("--conversation")
        {
            Description = "Continues this conversation (an id from 'vh history') instead of starting one.",
        };
        var output = new Option<string?>("--out")
        {
            Description = "The WAVE file to write the spoken answer to (24,000 Hz mono 16-bit PCM). " +
                "Default: FILE's name with '.answer.wav', in the current folder.",
        };
        var speed = InputChecks.Number<double>("--speed",
            "How many times faster than real time to send the recording, 1 to 100. Default 1.", 1, 100, 1);
        var turns = new Option<string>("--turn-detection")
        {
            Description = "server-vad: the service finds the turns in the recording and answers each (default). " +
                "none: the whole recording is one turn, committed when it ends.",
            DefaultValueFactory = _ => "server-vad",
        };
        turns.AcceptOnlyFromAmong("server-vad", "none");
        InputChecks.RejectBlank(file, "the path of a WAVE file");
        InputChecks.RejectBlank(conversation, "a conversation id from 'vh history'");
        InputChecks.RejectBlank(output, "the path of the WAVE file to write");
        var command = new Command("talk",
            "Streams a WAVE recording to a voice session in 20 ms frames at real-time pace, prints what was recognized " +
            "and the answer with its sources, and writes the spoken answer to a WAVE file.")
        {
            file, knowledgeBase, conversation, output, speed, turns,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var request = new TalkRequest(
                parse.GetRequiredValue(file),
                parse.GetValue(knowledgeBase),
                ParseConversationId(parse.GetValue(conversation)),
                parse.GetValue(output),
                parse.GetValue(speed),
                parse.GetValue(turns) == "server-vad");
            return new TalkSession(contextOf(parse), request).RunAsync(cancellationToken);
        });
        return command;
    }

    private static Guid? ParseConversationId(string? value) => value switch
    {
        null => null,
        _ when Guid.TryParse(value, out var id) => id,
        _ => throw CommandFailedException.Usage($"--conversation '{value}' is not a conversation id; list them with 'vh history'."),
    };
}
