using VoiceHelper.Grains.Conversations;
using VoiceHelper.Grains.Logging;
using VoiceHelper.Speech;
using VoiceHelper.Speech.Synthesis;

namespace VoiceHelper.Grains.Voice;

/// <summary>The output side: answering user items, speaking the answers, barge-in and truncation.</summary>
public sealed partial class VoiceSessionGrain
{
    // Responses whose items a client may still truncate.
    private const int RememberedResponses = 16;

    private readonly Dictionary<string, VoiceResponse> _responsesByItem = [];
    private readonly Dictionary<string, VoiceResponse> _responsesById = [];
    private VoiceResponse? _current;

    public Task CreateResponseAsync(Guid connectionId, string? clientEventId)
    {
        CheckConnection(connectionId);
        if (_current is { Ended: false } running)
        {
            Reject("conversation_already_has_active_response",
                $"Response {running.ResponseId} is still in progress. Wait for its response.done, or cancel it with " +
                "response.cancel.", clientEventId);
        }
        else if (_pendingUser is null)
        {
            StartGreeting();
        }
        else
        {
            StartResponse();
        }

        return Task.CompletedTask;
    }

    public async Task CancelResponseAsync(Guid connectionId, string? clientEventId)
    {
        CheckConnection(connectionId);
        if (_current is not { Ended: false } response)
        {
            Reject("response_cancel_not_active", "No response is in progress, so there is nothing to cancel.", clientEventId);
            return;
        }

        // The audio stops at once, and response.done follows once the stored turn is cut, so that a client reading
        // the conversation afterwards gets the cut turn.
        var played = response.Clock.Played();
        Pause(response);
        await TruncateStoredAsync(response.Answer, response.ToAnswerMs(response.ClientAudioEndMs ?? played));
        CancelResponse(response, "client_cancelled");
    }

    public async Task TruncateItemAsync(Guid connectionId, string itemId, long audioEndMs, string? clientEventId)
    {
        CheckConnection(connectionId);
        if (!_responsesByItem.TryGetValue(itemId, out var response))
        {
            Reject("item_not_found",
                $"Item '{itemId}' is not an assistant item of this session's recent responses, so it cannot be " +
                "truncated.", clientEventId, "item_id");
            return;
        }

        if (audioEndMs < 0 || audioEndMs > response.EmittedMs)
        {
            Reject("invalid_value",
                $"audio_end_ms is {audioEndMs}, but item '{itemId}' has {response.EmittedMs} ms of audio so far. Send " +
                "the milliseconds of its audio that the client played.", clientEventId, "audio_end_ms");
            return;
        }

        response.ClientAudioEndMs = audioEndMs;
        if (!response.InterruptionPending)
        {
            // An interruption in progress cuts the stored turn when it is settled; otherwise it is cut now.
            Pause(response);
            await TruncateStoredAsync(response.Answer, response.ToAnswerMs(audioEndMs));
        }

        CancelResponse(response, "client_cancelled");
        Emit(Event(VoiceEventKind.ItemTruncated) with { ItemId = itemId, AudioMs = audioEndMs });
    }

    private VoiceResponse? PlayingResponse() => _current is { IsPlaying: true } current ? current : null;

    private void StartResponse()
    {
        var pending = _pendingUser!;
        _pendingUser = null;
        if (_current is { Ended: false } running)
        {
            CancelResponse(running, "turn_detected");
        }

        var answer = new SpokenAnswer(_config.OutputFormat, _config.OutputRate);
        var response = Remember(answer, baseMs: 0);
        _ = AnswerAsync(response, pending);
    }

    // With no user item to answer, response.create speaks the configured greeting. It is not stored as a turn,
    // because the conversation stores assistant turns only as answers to user turns.
    private void StartGreeting()
    {
        var answer = new SpokenAnswer(_config.OutputFormat, _config.OutputRate);
        var response = Remember(answer, baseMs: 0);
        Emit(Event(VoiceEventKind.ResponseCreated) with { ResponseId = response.ResponseId });
        _ = ProduceGreetingAsync(answer);
        _ = SpeakAsync(response);
    }

    private async Task ProduceGreetingAsync(SpokenAnswer answer)
    {
        try
        {
            var chunker = new SentenceChunker();
            var sentences = chunker.Append(_options.Greeting).ToList();
            if (chunker.Complete() is { } rest)
            {
                sentences.Add(rest);
            }

            foreach (var sentence in sentences)
            {
                await SynthesizeAsync(answer, sentence);
            }
        }
        catch (OperationCanceledException) when (answer.Production.IsCancellationRequested)
        {
            // The greeting was interrupted.
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            GrainLog.VoiceResponseFailed(logger, ConversationId, "greeting", exception);
            answer.Error = "Speaking the greeting failed: " + exception.Message;
        }
        finally
        {
            answer.Complete = true;
            Pulse();
        }
    }

    private VoiceResponse Remember(SpokenAnswer answer, long baseMs)
    {
        var response = new VoiceResponse(
            "resp_" + Guid.NewGuid().ToString("N")[..20], NewItemId(), answer, baseMs, time)
        {
            TranscribedSentences = answer.SentenceAt(baseMs),
        };
        _current = response;
        _responsesByItem[response.ItemId] = response;
        _responsesById[response.ResponseId] = response;
        foreach (var old in _responsesByItem.Values.Where(item => item.Ended).Take(_responsesByItem.Count - RememberedResponses).ToList())
        {
            _responsesByItem.Remove(old.ItemId);
            _responsesById.Remove(old.ResponseId);
        }

        return response;
    }

    // Runs on the activation's scheduler, interleaved with the calls that bring audio.
    private async Task AnswerAsync(VoiceResponse response, PendingUserItem pending)
    {
        Emit(Event(VoiceEventKind.ResponseCreated) with { ResponseId = response.ResponseId });
        ResponseStart start;
        try
        {
            start = await Conversation.StartResponseAsync(TenantId, new UserMessage(pending.Text, TurnModality.Voice));
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            GrainLog.VoiceResponseFailed(logger, ConversationId, response.ResponseId, exception);
            response.Answer.Error = exception is KnowledgeBaseRequiredException or ConversationNotFoundException
                ? exception.Message
                : "Storing the question failed. Speak again in a moment.";
            response.Answer.Complete = true;
            FinishResponse(response, VoiceResponseStatus.Failed, "error");
            return;
        }

        response.Answer.TurnId = start.ResponseId;
        if (pending.Audio is { Length: > 0 } audio && !start.Replayed)
        {
            _ = KeepUserAudioAsync(start.Message.Id, audio);
        }

        if (response.Cancelled)
        {
            // Cancelled before the question was stored: nothing of the answer was heard.
            await TruncateStoredAsync(response.Answer, 0);
            return;
        }

        _ = ProduceAsync(response.Answer);
        await SpeakAsync(response);
    }

    // Stores the user's audio beside the stored turn. The answer does not wait for it, and a failure only loses the audio.
    private async Task KeepUserAudioAsync(Guid turnId, short[] audio)
    {
        try
        {
            await audioStore.StoreAsync(turnId, TenantId, VadSampleRate, audio, CancellationToken.None);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            GrainLog.VoiceAudioNotKept(logger, ConversationId, turnId, exception);
        }
    }

    private async Task SpeakAsync(VoiceResponse response)
    {
        Emit(Event(VoiceEventKind.OutputItemAdded) with
        {
            ResponseId = response.ResponseId,
            ItemId = response.ItemId,
            PreviousItemId = _lastItemId,
            Role = "assistant",
            TurnId = StoredTurn(response.Answer),
        });
        _lastItemId = response.ItemId;
        Emit(Event(VoiceEventKind.ContentPartAdded) with { ResponseId = response.ResponseId, ItemId = response.ItemId });
        await EmitAudioAsync(response);
        if (!response.Cancelled)
        {
            var failed = response.Answer.Error is not null && response.EmittedMs == 0;
            FinishResponse(response, failed ? VoiceResponseStatus.Failed : VoiceResponseStatus.Completed, null);
        }
    }

    // Reads the answer's sentences from the conversation and synthesizes each as soon as it is complete.
    private async Task ProduceAsync(SpokenAnswer answer)
    {
        var chunker = new SentenceChunker();
        try
        {
            var events = Conversation.ReadResponseAsync(TenantId, answer.TurnId, 0, answer.Production);
            await foreach (var responseEvent in events.WithCancellation(answer.Production))
            {
                if (responseEvent is { Kind: ResponseEventKind.Delta, Delta: { } delta })
                {
                    foreach (var sentence in chunker.Append(delta))
                    {
                        await SynthesizeAsync(answer, sentence);
                    }
                }
                else if (responseEvent is { Kind: ResponseEventKind.Sources, Sources: { } sources })
                {
                    answer.Sources = sources;
                }
                else if (responseEvent is { Kind: ResponseEventKind.Done, Turn: { Status: TurnStatus.Failed } turn })
                {
                    answer.Error = turn.Error ?? "Answering failed.";
                }
            }

            if (chunker.Complete() is { } rest)
            {
                await SynthesizeAsync(answer, rest);
            }
        }
        catch (OperationCanceledException) when (answer.Production.IsCancellationRequested)
        {
            // The answer was abandoned: interrupted, truncated or the session ended.
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Any failure ends the answer as failed, because the task has no caller to raise it to.
            GrainLog.VoiceResponseFailed(logger, ConversationId, answer.TurnId.ToString(), exception);
            answer.Error = exception is SpeechEngineException or ArgumentException
                ? "Speaking the answer failed: " + exception.Message
                : "Reading the answer failed. Ask again.";
        }
        finally
        {
            answer.Complete = true;
            Pulse();
        }
    }

    private async Task SynthesizeAsync(SpokenAnswer answer, string sentence)
    {
        var request = new SynthesisRequest(sentence, _config.Voice);
        request.Validate();
        var cancellation = answer.Production;
        // Synthesis, resampling and encoding are CPU work for the thread pool; they touch only this answer.
        var audio = await Task.Run(async () =>
        {
            var samples = new List<short>();
            await foreach (var clip in synthesizer.SynthesizeAsync(request, cancellation).WithCancellation(cancellation))
            {
                samples.AddRange(answer.Resample(clip));
            }

            return VoiceAudioCodec.Encode(answer.Format, samples.ToArray());
        }, cancellation);
        answer.Add(sentence, audio);
        Pulse();
    }

    // Emits the item's audio no faster than AudioLeadMs ahead of the client's estimated playback.
    private async Task EmitAudioAsync(VoiceResponse response)
    {
        var answer = response.Answer;
        while (!response.Cancelled)
        {
            var wake = _wake.Task;
            var position = response.ToAnswerMs(response.EmittedMs);
            if (response.Paused)
            {
                await wake;
                continue;
            }

            if (position >= answer.SynthesizedMs)
            {
                if (answer.Complete)
                {
                    return;
                }

                await wake;
                continue;
            }

            var ahead = response.EmittedMs - response.Clock.Played();
            if (ahead >= _options.AudioLeadMs)
            {
                var wait = TimeSpan.FromMilliseconds(Math.Max(20, ahead - _options.AudioLeadMs));
                await Task.WhenAny(wake, Task.Delay(wait, time));
                continue;
            }

            EmitChunk(response, position);
        }
    }

    private void EmitChunk(VoiceResponse response, long position)
    {
        var answer = response.Answer;
        var index = answer.SentenceAt(position);
        var sentence = answer.Sentences[index];
        for (; response.TranscribedSentences <= index; response.TranscribedSentences++)
        {
            var text = answer.Sentences[response.TranscribedSentences].Text;
            var delta = response.Transcript.Count == 0 ? text : " " + text;
            response.Transcript.Add(text);
            Emit(Event(VoiceEventKind.TranscriptDelta) with { ResponseId = response.ResponseId, ItemId = response.ItemId, Text = delta });
        }

        var bytesPerMs = answer.BytesPerMs;
        var offsetMs = position - sentence.StartMs;
        var lengthMs = Math.Min(_options.AudioDeltaMs, sentence.DurationMs - offsetMs);
        var chunk = sentence.Audio.AsSpan((int)(offsetMs * bytesPerMs), (int)(lengthMs * bytesPerMs)).ToArray();
        response.EmittedMs += lengthMs;
        Emit(Event(VoiceEventKind.AudioDelta) with
        {
            ResponseId = response.ResponseId,
            ItemId = response.ItemId,
            Audio = chunk,
            AudioMs = response.EmittedMs,
        });
    }

    private void FinishResponse(VoiceResponse response, VoiceResponseStatus status, string? reason)
    {
        response.Ended = true;
        var answer = response.Answer;
        var ids = Event(VoiceEventKind.AudioDone) with { ResponseId = response.ResponseId, ItemId = response.ItemId };
        if (status != VoiceResponseStatus.Failed || response.EmittedMs > 0)
        {
            Emit(ids);
            Emit(ids with { Kind = VoiceEventKind.TranscriptDone, Text = string.Join(" ", response.Transcript) });
            Emit(ids with { Kind = VoiceEventKind.ContentPartDone, Text = string.Join(" ", response.Transcript) });
            Emit(ids with
            {
                Kind = VoiceEventKind.OutputItemDone,
                Status = status,
                Role = "assistant",
                TurnId = StoredTurn(answer),
                Text = string.Join(" ", response.Transcript),
            });
        }

        var sources = status == VoiceResponseStatus.Completed
            ? answer.Sources
            : answer.HeardBefore(response.ToAnswerMs(response.ClientAudioEndMs ?? response.Clock.Played())).Sources;
        Emit(ids with
        {
            Kind = VoiceEventKind.ResponseDone,
            Status = status,
            Reason = reason,
            Sources = sources,
            TurnId = StoredTurn(answer),
            AudioSeconds = response.EmittedMs / 1000.0,
            Error = answer.Error is { } error && status == VoiceResponseStatus.Failed
                ? new VoiceError("answer_failed", error, Type: VoiceError.ServerError)
                : null,
        });
        _ = usage.AddAsync(TenantId, 0, response.EmittedMs / 1000.0);
        Pulse();
    }

    private void CancelResponse(VoiceResponse response, string reason)
    {
        if (response.Ended)
        {
            return;
        }

        response.Cancelled = true;
        response.Paused = false;
        response.VoidUpTo = _log.LastSequence;
        FinishResponse(response, VoiceResponseStatus.Cancelled, reason);
    }

    // Stops the response's audio: nothing more is emitted, and deltas not yet handed to the gateway are dropped.
    private void Pause(VoiceResponse response)
    {
        response.Paused = true;
        response.VoidUpTo = _log.LastSequence;
        Pulse();
    }

    // Continues a paused response from where playback stopped, after a sound too short to interrupt it.
    private void Resume(Interruption interruption)
    {
        var response = interruption.Response;
        response.InterruptionPending = false;
        if (response.Ended)
        {
            ContinueAnswer(response, interruption.PlayedMs);
            return;
        }

        response.Paused = false;
        response.EmittedMs = Math.Min(response.EmittedMs, interruption.PlayedMs);
        response.Clock.Restart(response.EmittedMs);
        Pulse();
    }

    // Speaks the rest of an answer as a new response, from the start of the sentence that playback stopped in.
    private void ContinueAnswer(VoiceResponse stopped, long playedMs)
    {
        var answer = stopped.Answer;
        var index = answer.SentenceAt(stopped.ToAnswerMs(playedMs));
        if (_current is { Ended: false } || answer.Truncated || (index >= answer.Sentences.Count && answer.Complete))
        {
            return;
        }

        var startMs = index < answer.Sentences.Count ? answer.Sentences[index].StartMs : answer.SynthesizedMs;
        var response = Remember(answer, startMs);
        Emit(Event(VoiceEventKind.ResponseCreated) with { ResponseId = response.ResponseId });
        _ = SpeakAsync(response);
    }

    // Decides an interruption once its speech is recognized, and returns where playback stopped in the item's audio.
    private async Task<long> SettleInterruptionAsync(Interruption interruption, bool falseAlarm)
    {
        var response = interruption.Response;
        var endMs = response.ClientAudioEndMs ?? interruption.PlayedMs;
        if (falseAlarm && response.ClientAudioEndMs is null)
        {
            Resume(interruption);
            return endMs;
        }

        response.InterruptionPending = false;
        CancelResponse(response, "turn_detected");
        await TruncateStoredAsync(response.Answer, response.ToAnswerMs(endMs));
        return endMs;
    }

    // Cuts the stored assistant turn to the sentences that began to play before answerMs.
    private async Task TruncateStoredAsync(SpokenAnswer answer, long answerMs)
    {
        if (answer.TurnId == Guid.Empty || answer.AllHeardBefore(answerMs))
        {
            return;
        }

        answer.StopProduction();
        answer.Truncated = true;
        var (text, sources) = answer.HeardBefore(answerMs);
        try
        {
            await Conversation.TruncateResponseAsync(TenantId, answer.TurnId, text, sources);
        }
        catch (Exception exception) when (exception is ResponseNotFoundException or ConversationNotFoundException
            or TimeoutException or Persistence.StorageException)
        {
            GrainLog.VoiceResponseFailed(logger, ConversationId, answer.TurnId.ToString(), exception);
            Emit(Event(VoiceEventKind.Error) with
            {
                Error = new VoiceError("truncation_failed",
                    $"The answer could not be cut to the part that was heard: {exception.Message}", Type: VoiceError.ServerError),
            });
        }
    }

    private void OnDelivered(VoiceEvent voiceEvent)
    {
        if (voiceEvent is { Kind: VoiceEventKind.AudioDelta, ResponseId: { } responseId, AudioMs: { } endMs }
            && _responsesById.TryGetValue(responseId, out var response))
        {
            response.Clock.Deliver(endMs);
            Pulse();
        }
    }

    // The conversation turn of an answer, or null for a greeting, which is not stored.
    private static Guid? StoredTurn(SpokenAnswer answer) => answer.TurnId == Guid.Empty ? null : answer.TurnId;

    private bool IsVoided(VoiceEvent voiceEvent) =>
        voiceEvent is { Kind: VoiceEventKind.AudioDelta, ResponseId: { } responseId }
        && _responsesById.TryGetValue(responseId, out var response)
        && voiceEvent.Sequence <= response.VoidUpTo;
}
