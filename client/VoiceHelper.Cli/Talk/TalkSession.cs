using System.Diagnostics;
using System.Threading.Channels;
using VoiceHelper.Cli.Audio;
using VoiceHelper.Cli.Commands;
using VoiceHelper.Cli.Output;
using VoiceHelper.Client;

namespace VoiceHelper.Cli.Talk;

/// <summary>
/// One run of <c>vh talk</c>: reads the recording, opens a voice session, streams the audio in 20 ms frames while it
/// reads the session's events, commits the end of the recording, waits until every turn is answered, and writes the
/// spoken answer.
/// </summary>
internal sealed class TalkSession(CliContext context, TalkRequest request)
{
    private const int FrameMs = 20;

    // The longest turn that the service takes by default (Voice__MaxTurnMs, 60,000 ms). With --turn-detection none the
    // whole recording is one turn, so a longer one would fail with input_audio_buffer_full after a minute of streaming.
    // NOTE: the session does not report its limit, so a service configured with a longer one still gets 60 s from vh.
    private static readonly TimeSpan MaxTurn = TimeSpan.FromSeconds(60);

    // How long the session must stay quiet before vh checks whether every turn is answered. Events that the session
    // sends together, such as speech_stopped and the commit of the same turn, arrive well within it.
    private static readonly TimeSpan SettleTime = TimeSpan.FromSeconds(1);

    private readonly Terminal _terminal = context.Terminal;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        if (request.KnowledgeBase is null && request.ConversationId is null)
        {
            throw CommandFailedException.Usage("Pass --kb to start a conversation, or --conversation to continue one.");
        }

        var outputPath = CheckOutputPath(request.ResolveOutputPath());
        var recording = WaveReader.Read(request.Path);
        CheckTurnLength(recording);
        using var client = context.CreateClient();
        var knowledgeBaseId = await ResolveKnowledgeBaseAsync(client, cancellationToken);
        var options = new ConverseOptions { KnowledgeBase = knowledgeBaseId.ToString(), ConversationId = request.ConversationId };
        await using var session = await client.Conversations.ConverseAsync(options, cancellationToken);
        var conversationId = session.ConversationId!.Value;
        await session.UpdateSessionAsync(new VoiceSettings
        {
            InputFormat = recording.Format,
            OutputFormat = AudioFormat.Default,
            TurnDetection = request.ServerVad ? TurnDetection.Default : TurnDetection.None,
        }, cancellationToken);
        Announce(conversationId, recording);

        var turns = new TalkTurns(_terminal, context.Json, request.ServerVad);
        await ConverseAsync(session, recording, turns, cancellationToken);

        var audioSeconds = (double)turns.Audio.Length / (2 * turns.AudioRate);
        if (turns.Audio.Length > 0)
        {
            WaveWriter.Write(outputPath, turns.Audio.Span, turns.AudioRate);
        }

        Report(conversationId, turns, turns.Audio.Length > 0 ? outputPath : null, audioSeconds);
        if (!turns.Turns.Any(turn => turn.Transcript is { Length: > 0 }))
        {
            throw new CommandFailedException(ExitCodes.Failure, "no_speech",
                $"No words were recognized in '{request.Path}', so nothing was answered. Check that the recording " +
                "contains speech, or try --turn-detection none to send it as one turn.");
        }

        return turns.Turns.Any(turn => turn.Status == VoiceResponseStatus.Failed) ? ExitCodes.Failure : ExitCodes.Success;
    }

    private string CheckOutputPath(string path)
    {
        if (Directory.Exists(path))
        {
            throw CommandFailedException.Usage(
                $"--out '{path}' is a folder. Give the path of a WAVE file, such as {Path.Combine(path, "answer.wav")}.");
        }

        var folder = Path.GetDirectoryName(path);
        if (folder is not null && !Directory.Exists(folder))
        {
            throw CommandFailedException.Usage($"The folder of --out '{path}' does not exist. Create it or choose another file.");
        }

        if (string.Equals(path, Path.GetFullPath(request.Path), StringComparison.Ordinal))
        {
            throw CommandFailedException.Usage(
                $"--out '{path}' is the recording itself, which the answer would overwrite. Choose another file.");
        }

        return path;
    }

    private void CheckTurnLength(Recording recording)
    {
        if (request.ServerVad || recording.Duration <= MaxTurn)
        {
            return;
        }

        throw CommandFailedException.Usage(
            $"'{request.Path}' lasts {recording.Duration.TotalSeconds:0.0} s, but with --turn-detection none the whole " +
            $"recording is one turn, and the service takes turns of at most {MaxTurn.TotalSeconds:0} s. Use " +
            "--turn-detection server-vad, which splits the recording into turns, or a shorter recording.");
    }

    private async Task<Guid> ResolveKnowledgeBaseAsync(VoiceHelperClient client, CancellationToken cancellationToken)
    {
        if (request.KnowledgeBase is { } reference)
        {
            return (await KnowledgeBaseReference.ResolveAsync(client, reference, cancellationToken)).Id;
        }

        var conversation = await client.Conversations.GetAsync(request.ConversationId!.Value, cancellationToken);
        return conversation.KnowledgeBaseId
            ?? throw CommandFailedException.Usage($"Conversation {conversation.Id} has no knowledge base to answer from; pass --kb.");
    }

    private void Announce(Guid conversationId, Recording recording)
    {
        if (context.Json)
        {
            return;
        }

        var pace = request.Speed == 1 ? "at real-time pace" : $"at {request.Speed:0.##} times real time";
        var converted = recording.Converted ? $", sent as {recording.Format.SampleRate:N0} Hz mono" : string.Empty;
        _terminal.Error.WriteLine($"Conversation {conversationId}");
        _terminal.Error.WriteLine(
            $"Streaming {recording.Duration.TotalSeconds:0.0} s of {recording.Source} audio{converted} {pace}.");
    }

    // Streams the recording while another task reads the events; either one failing stops the other.
    private async Task ConverseAsync(VoiceSession session, Recording recording, TalkTurns turns, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var receiving = ReceiveAsync(session, turns, stop);
        try
        {
            await StreamAsync(session, recording, stop.Token);
            turns.EndInput();
            // With server VAD this ends a turn that is still in progress at the end of the recording. Without server
            // VAD it commits the whole recording as one turn.
            await session.CommitAudioAsync(stop.Token);
            turns.MarkCommitSent();
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            await stop.CancelAsync();
            await Task.WhenAny(receiving);
            if (receiving.IsFaulted)
            {
                // The receiver failed first and stopped the sending, so its failure is the cause.
                await receiving;
            }

            throw;
        }

        await receiving;
    }

    private async Task StreamAsync(VoiceSession session, Recording recording, CancellationToken cancellationToken)
    {
        var frameBytes = recording.Format.BytesPerSecond * FrameMs / 1000;
        var clock = Stopwatch.StartNew();
        var frame = 0;
        for (var offset = 0; offset < recording.Audio.Length; offset += frameBytes)
        {
            var length = Math.Min(frameBytes, recording.Audio.Length - offset);
            await session.SendAudioAsync(recording.Audio.AsMemory(offset, length), cancellationToken);
            frame++;
            var due = TimeSpan.FromMilliseconds(frame * FrameMs / request.Speed);
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed, cancellationToken);
            }
        }
    }

    private static async Task ReceiveAsync(VoiceSession session, TalkTurns turns, CancellationTokenSource stop)
    {
        var events = Channel.CreateUnbounded<VoiceEvent>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var pump = PumpAsync(session, events.Writer, stop.Token);
        try
        {
            while (await NextAsync(events.Reader, turns, stop.Token) is { } voiceEvent)
            {
                if (turns.Apply(voiceEvent))
                {
                    await session.CreateResponseAsync(stop.Token);
                }
            }
        }
        catch
        {
            await stop.CancelAsync();
            await Task.WhenAny(pump);
            throw;
        }

        // Every turn is answered: end the call, so the gateway closes it and the pump reads to its end.
        await session.CompleteAsync(stop.Token);
        await pump;
    }

    // Returns the next event, or null once the session stayed quiet for SettleTime with every turn answered. The
    // check runs on a quiet session rather than after each event, because the sender marks the end of the input
    // from another task.
    private static async Task<VoiceEvent?> NextAsync(ChannelReader<VoiceEvent> reader, TalkTurns turns, CancellationToken cancellationToken)
    {
        while (true)
        {
            using var settle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            settle.CancelAfter(SettleTime);
            try
            {
                if (!await reader.WaitToReadAsync(settle.Token))
                {
                    throw new CommandFailedException(ExitCodes.Unavailable, "session_ended",
                        "The gateway ended the voice session before every turn was answered. Check the gateway's log, " +
                        "and read what was stored with 'vh history'.");
                }

                if (reader.TryRead(out var next))
                {
                    return next;
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                if (turns.IsComplete)
                {
                    return null;
                }
            }
        }
    }

    private static async Task PumpAsync(VoiceSession session, ChannelWriter<VoiceEvent> writer, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var voiceEvent in session.ReadEventsAsync(cancellationToken))
            {
                await writer.WriteAsync(voiceEvent, cancellationToken);
            }

            writer.Complete();
        }
        catch (Exception exception)
        {
            writer.Complete(exception);
        }
    }

    private void Report(Guid conversationId, TalkTurns turns, string? audioPath, double audioSeconds)
    {
        if (context.Json)
        {
            JsonOutput.Write(_terminal.Out, new
            {
                ConversationId = conversationId,
                File = request.Path,
                AudioFile = audioPath,
                AudioSeconds = Math.Round(audioSeconds, 3),
                Turns = turns.Turns.Select(turn => new
                {
                    turn.ItemId, turn.Transcript, turn.ResponseId, turn.TurnId, turn.Status, Answer = turn.Answer.ToString(),
                    turn.Sources, turn.ErrorMessage,
                }),
            });
            return;
        }

        _terminal.Error.WriteLine(audioPath is null
            ? "No answer audio was received, so no WAVE file was written."
            : $"Wrote {audioSeconds:0.0} s of the spoken answer to {audioPath}.");
    }
}
