using VoiceHelper.Grains.Logging;
using VoiceHelper.Speech;
using VoiceHelper.Speech.Audio;
using VoiceHelper.Speech.Recognition;
using VoiceHelper.Speech.Vad;

namespace VoiceHelper.Grains.Voice;

/// <summary>The input side: decoding, turn detection, recognition and committing user items.</summary>
public sealed partial class VoiceSessionGrain
{
    private const int SamplesPerMs = VadSampleRate / 1000;

    // The shortest manual commit, as OpenAI's API requires.
    private const int MinCommitMs = 100;

    private TurnDetector? _detector;
    private AudioResampler _inputResampler = new(VoiceSessionConfig.DefaultPcmRate, VadSampleRate);
    private AudioHistory _history = new(1);
    private readonly List<short> _manualBuffer = [];
    private ActiveTurn? _turn;
    private Interruption? _interruption;
    private string? _lastItemId;
    private PendingUserItem? _pendingUser;
    private Task _turnChain = Task.CompletedTask;

    public Task AppendAudioAsync(Guid connectionId, byte[] audio, string? clientEventId)
    {
        CheckConnection(connectionId);
        ArgumentNullException.ThrowIfNull(audio);
        var samples = VoiceAudioCodec.TryDecode(_config.InputFormat, audio, out var problem);
        if (samples is null)
        {
            Reject("invalid_audio", problem!, clientEventId, "audio");
            return Task.CompletedTask;
        }

        var input = _inputResampler.Process(samples);
        if (_detector is null)
        {
            AppendManual(input, clientEventId);
        }
        else
        {
            Detect(_detector, input);
        }

        return Task.CompletedTask;
    }

    public Task CommitAudioAsync(Guid connectionId, string? clientEventId)
    {
        CheckConnection(connectionId);
        if (_detector is not null)
        {
            if (_turn is null)
            {
                Reject("input_audio_buffer_commit_empty",
                    "The input audio buffer holds no speech to commit: server VAD commits each turn when it ends. " +
                    "Set turn_detection to null with session.update to commit turns yourself.", clientEventId);
                return Task.CompletedTask;
            }

            foreach (var turnEvent in _detector.Flush())
            {
                OnTurnEvent(turnEvent);
            }

            return Task.CompletedTask;
        }

        if (_manualBuffer.Count < MinCommitMs * SamplesPerMs)
        {
            Reject("input_audio_buffer_commit_empty",
                $"The input audio buffer holds {_manualBuffer.Count / SamplesPerMs} ms of audio, but a commit needs at " +
                $"least {MinCommitMs} ms. Append more audio with input_audio_buffer.append first.", clientEventId);
            return Task.CompletedTask;
        }

        var audio = _manualBuffer.ToArray();
        _manualBuffer.Clear();
        var itemId = NewItemId();
        var recognition = Task.Run(() => recognizer.RecognizeAsync(audio, RecognitionOptions.Default, CancellationToken.None));
        Commit(itemId, recognition, interruption: null, _options.KeepUserAudio ? audio : null);
        return Task.CompletedTask;
    }

    public Task ClearAudioAsync(Guid connectionId, string? clientEventId)
    {
        CheckConnection(connectionId);
        _manualBuffer.Clear();
        _detector?.Clear();
        DiscardTurn();
        ResumeAfterNoise();
        Emit(Event(VoiceEventKind.AudioCleared));
        return Task.CompletedTask;
    }

    public Task AddUserTextAsync(Guid connectionId, string text, string? clientEventId)
    {
        CheckConnection(connectionId);
        if (string.IsNullOrWhiteSpace(text))
        {
            Reject("invalid_value", "The item's text is empty. Send a user message with an input_text part.", clientEventId, "item");
            return Task.CompletedTask;
        }

        var itemId = NewItemId();
        var item = Event(VoiceEventKind.ItemAdded) with
        {
            ItemId = itemId, PreviousItemId = _lastItemId, Role = "user", Text = text, IsTypedText = true,
        };
        Emit(item);
        Emit(item with { Kind = VoiceEventKind.ItemDone });
        _lastItemId = itemId;
        _pendingUser = new PendingUserItem(itemId, text);
        return Task.CompletedTask;
    }

    private void ConfigureInput()
    {
        _inputResampler = new AudioResampler(_config.InputRate, VadSampleRate);
        _manualBuffer.Clear();
        DiscardTurn();
        _detector?.Dispose();
        _detector = null;
        if (_config.TurnDetection is { } detection)
        {
            var detectorOptions = ToDetectorOptions(detection, _options.MaxTurnMs);
            _detector = new TurnDetector(vad, detectorOptions);
            // Enough for the longest prefix and the window that detects speech.
            _history = new AudioHistory((detection.PrefixPaddingMs + 200) * SamplesPerMs);
        }
    }

    private void AppendManual(short[] input, string? clientEventId)
    {
        if (_manualBuffer.Count + input.Length > _options.MaxTurnMs * SamplesPerMs)
        {
            Reject("input_audio_buffer_full",
                $"The input audio buffer already holds {_manualBuffer.Count / SamplesPerMs} ms, and a turn may last at " +
                $"most {_options.MaxTurnMs} ms. Commit or clear the buffer before appending more.", clientEventId, "audio");
            return;
        }

        _manualBuffer.AddRange(input);
    }

    private void Detect(TurnDetector detector, short[] input)
    {
        _history.Append(input);
        foreach (var turnEvent in detector.Process(input))
        {
            OnTurnEvent(turnEvent);
        }

        if (_turn is { } turn)
        {
            Feed(turn, _history.End);
        }

        CheckInterruption(detector);
    }

    private void OnTurnEvent(TurnEvent turnEvent)
    {
        if (turnEvent.Kind == TurnEventKind.SpeechStarted)
        {
            OnSpeechStarted(turnEvent.AudioMs);
        }
        else if (_turn is { } turn)
        {
            OnSpeechStopped(turn, turnEvent.AudioMs);
        }
    }

    private void OnSpeechStarted(long audioStartMs)
    {
        var itemId = NewItemId();
        var turn = new ActiveTurn(itemId, new TurnRecognition(recognizer, RecognitionOptions.Default), audioStartMs * SamplesPerMs)
        {
            Audio = _options.KeepUserAudio ? [] : null,
        };
        _turn = turn;
        if (recognizer.ProducesPartials)
        {
            turn.PartialsForwarded = ForwardPartialsAsync(turn);
        }

        Feed(turn, _history.End);
        // The client stops its playback on this event, so the answer's audio pauses with it.
        Emit(Event(VoiceEventKind.SpeechStarted) with { ItemId = itemId, AudioMs = audioStartMs });
        if (_config.TurnDetection is { InterruptResponse: true } && PlayingResponse() is { } playing)
        {
            var played = playing.Clock.Played();
            Pause(playing);
            playing.InterruptionPending = true;
            _interruption = new Interruption(playing, played, _detector!.LastSpeechMs);
        }
    }

    private void OnSpeechStopped(ActiveTurn turn, long audioEndMs)
    {
        Feed(turn, audioEndMs * SamplesPerMs);
        _turn = null;
        Emit(Event(VoiceEventKind.SpeechStopped) with { ItemId = turn.ItemId, AudioMs = audioEndMs });
        var interruption = _interruption;
        _interruption = null;
        if (interruption is { Confirmed: false })
        {
            // Too short to be an interruption, such as a cough: the answer goes on where it paused.
            turn.Recognition.Abandon();
            Resume(interruption);
            GrainLog.VoiceBargeIn(logger, ConversationId, interruption.Response.ResponseId, interruption.PlayedMs, "too short");
            return;
        }

        Commit(turn.ItemId, CompleteTurnAsync(turn), interruption, turn.Audio?.ToArray());
    }

    // Runs on the activation's scheduler, like every Emit. Deltas go out while the user speaks, before the turn is
    // committed, and stop when the turn is dropped.
    private async Task ForwardPartialsAsync(ActiveTurn turn)
    {
        var transcript = new PartialTranscript();
        await foreach (var partial in turn.Recognition.Partials.ReadAllAsync())
        {
            if (!turn.Recognition.IsAbandoned && transcript.Next(partial) is { } delta)
            {
                Emit(Event(VoiceEventKind.TranscriptionDelta) with { ItemId = turn.ItemId, Text = delta });
            }
        }
    }

    // Waits for the last delta too, so that every delta of the turn precedes its completed transcript.
    private static async Task<RecognitionResult> CompleteTurnAsync(ActiveTurn turn)
    {
        try
        {
            return await turn.Recognition.CompleteAsync();
        }
        finally
        {
            await turn.PartialsForwarded;
        }
    }

    private void Commit(
        string itemId, Task<RecognitionResult> recognition, Interruption? interruption, short[]? audio = null)
    {
        Emit(Event(VoiceEventKind.AudioCommitted) with { ItemId = itemId, PreviousItemId = _lastItemId });
        Emit(Event(VoiceEventKind.ItemAdded) with { ItemId = itemId, PreviousItemId = _lastItemId, Role = "user" });
        _lastItemId = itemId;
        var previous = _turnChain;
        _turnChain = FinishTurnAsync(previous, itemId, recognition, interruption, audio);
    }

    // Runs on the activation's scheduler; the chain keeps transcripts and answers in the order the turns ended.
    private async Task FinishTurnAsync(
        Task previous, string itemId, Task<RecognitionResult> recognition, Interruption? interruption, short[]? audio)
    {
        await previous;
        try
        {
            await AnswerTurnAsync(itemId, recognition, interruption, audio);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // The chain must go on for later turns, and this task has no caller to raise the failure to.
            GrainLog.VoiceTurnFailed(logger, ConversationId, itemId, exception);
            Emit(Event(VoiceEventKind.Error) with
            {
                ItemId = itemId,
                Error = new VoiceError("turn_failed",
                    $"Handling user item {itemId} failed: {exception.Message}", Type: VoiceError.ServerError),
            });
        }
    }

    private async Task AnswerTurnAsync(
        string itemId, Task<RecognitionResult> recognition, Interruption? interruption, short[]? audio)
    {
        string text;
        try
        {
            var result = await recognition;
            text = result.Text.Trim();
            await usage.AddAsync(TenantId, result.AudioDuration.TotalSeconds, 0);
        }
        catch (Exception exception) when (exception is SpeechEngineException or OperationCanceledException)
        {
            GrainLog.VoiceTurnFailed(logger, ConversationId, itemId, exception);
            Emit(Event(VoiceEventKind.Error) with
            {
                ItemId = itemId,
                Error = new VoiceError("transcription_failed",
                    $"Recognizing the speech of item {itemId} failed: {exception.Message}", Type: VoiceError.ServerError),
            });
            text = string.Empty;
        }

        Emit(Event(VoiceEventKind.TranscriptionCompleted) with { ItemId = itemId, Text = text });
        Emit(Event(VoiceEventKind.ItemDone) with { ItemId = itemId, Role = "user", Text = text });
        if (interruption is not null)
        {
            var heard = await SettleInterruptionAsync(interruption, falseAlarm: text.Length == 0);
            GrainLog.VoiceBargeIn(logger, ConversationId, interruption.Response.ResponseId, heard,
                text.Length == 0 ? "no words, resumed" : "cancelled");
        }

        if (text.Length == 0)
        {
            return;
        }

        _pendingUser = new PendingUserItem(itemId, text, audio);
        if (_config.TurnDetection is { CreateResponse: true })
        {
            StartResponse();
        }
    }

    private void Feed(ActiveTurn turn, long until)
    {
        if (until > turn.FedUntil)
        {
            var samples = _history.Copy(turn.FedUntil, until);
            turn.Recognition.Write(samples);
            turn.Audio?.AddRange(samples);
            turn.FedUntil = until;
        }
    }

    private void CheckInterruption(TurnDetector detector)
    {
        if (_interruption is { Confirmed: false } interruption
            && detector.LastSpeechMs - interruption.DetectedAtMs >= _options.MinInterruptionMs)
        {
            interruption.Confirmed = true;
            if (!interruption.Response.Ended)
            {
                CancelResponse(interruption.Response, "turn_detected");
            }
        }
    }

    // A new input format or turn detection restarts detection, which drops the turn in progress. The client saw its
    // speech_started, so it gets speech_stopped and input_audio_buffer.cleared instead of a turn that never ends, and
    // an answer that the turn had paused goes on.
    private void EndTurnForNewInput()
    {
        if (_turn is not { } turn)
        {
            return;
        }

        DiscardTurn();
        Emit(Event(VoiceEventKind.SpeechStopped) with { ItemId = turn.ItemId, AudioMs = _detector?.ReceivedMs ?? 0 });
        Emit(Event(VoiceEventKind.AudioCleared));
        ResumeAfterNoise();
    }

    private void DiscardTurn()
    {
        _turn?.Recognition.Abandon();
        _turn = null;
    }

    private void ResumeAfterNoise()
    {
        if (_interruption is { Confirmed: false } interruption)
        {
            Resume(interruption);
        }

        _interruption = null;
    }

    private static string NewItemId() => "item_" + Guid.NewGuid().ToString("N")[..20];

    /// <summary>A user turn in progress and how far its audio has gone to the recognizer.</summary>
    private sealed class ActiveTurn(string itemId, TurnRecognition recognition, long startSample)
    {
        public string ItemId { get; } = itemId;

        public TurnRecognition Recognition { get; } = recognition;

        public long FedUntil { get; set; } = startSample;

        /// <summary>The turn's 16 kHz audio when <c>Voice:KeepUserAudio</c> is on, else null.</summary>
        public List<short>? Audio { get; init; }

        /// <summary>Completes when every partial transcript of the turn has become a delta event or was skipped.</summary>
        public Task PartialsForwarded { get; set; } = Task.CompletedTask;
    }

    /// <summary>
    /// Speech that started while a response played: <see cref="PlayedMs"/> is where its audio paused, and
    /// <see cref="DetectedAtMs"/> the end of the first speech window, from which the speech's length counts.
    /// </summary>
    private sealed class Interruption(VoiceResponse response, long playedMs, long detectedAtMs)
    {
        public VoiceResponse Response { get; } = response;

        public long PlayedMs { get; } = playedMs;

        public long DetectedAtMs { get; } = detectedAtMs;

        /// <summary>Whether the speech lasted long enough to cancel the response.</summary>
        public bool Confirmed { get; set; }
    }

    /// <summary>A user item waiting for its answer, with its 16 kHz audio when that is to be kept.</summary>
    private sealed record PendingUserItem(string ItemId, string Text, short[]? Audio = null);
}
