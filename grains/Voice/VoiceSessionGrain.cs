using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VoiceHelper.Grains.Conversations;
using VoiceHelper.Grains.Logging;
using VoiceHelper.Grains.Persistence;
using VoiceHelper.Grains.Speech;
using VoiceHelper.Speech.Recognition;
using VoiceHelper.Speech.Synthesis;
using VoiceHelper.Speech.Vad;

namespace VoiceHelper.Grains.Voice;

/// <summary>
/// The live voice session of one conversation. Audio arrives from the gateway one client message per call. Voice
/// activity detection runs here in the silo, on the shared Silero session (about 0.25 ms per 32 ms window), so only
/// the client's own messages cross the network. Recognition and synthesis run on the thread pool.
/// Events wait in a numbered log that the gateway reads as a stream, which gives resuming and back-pressure.
/// </summary>
/// <remarks>
/// The session keeps its state in memory only: a silo failure ends it, while the conversation's turns stay in
/// PostgreSQL and a new connection continues the conversation.
/// </remarks>
public sealed partial class VoiceSessionGrain(
    SileroVad vad,
    ISpeechRecognizer recognizer,
    ISpeechSynthesizer synthesizer,
    SpeechUsageRecorder usage,
    PostgresVoiceAudioStore audioStore,
    IOptions<VoiceSessionOptions> options,
    TimeProvider time,
    ILogger<VoiceSessionGrain> logger) : Grain, IVoiceSessionGrain
{
    private const int VadSampleRate = 16_000;

    private readonly VoiceSessionOptions _options = options.Value;
    private readonly VoiceTurnClock _turnClock = new();
    private VoiceEventLog _log = null!;
    private Guid? _tenantId;
    private Guid _connectionId;
    private bool _connected;
    private IGrainTimer? _abandonTimer;
    private VoiceSessionConfig _config = VoiceSessionConfig.Default;
    private TaskCompletionSource _wake = NewSignal();

    private Guid ConversationId => this.GetPrimaryKey();

    private Guid TenantId => _tenantId ?? throw new InvalidOperationException("The voice session has no tenant yet.");

    private IConversationGrain Conversation => GrainFactory.GetGrain<IConversationGrain>(ConversationId);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        VoiceMetrics.SessionStarted();
        _log = new VoiceEventLog(_options.RetainedEventBytes);
        ConfigureInput();
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        VoiceMetrics.SessionEnded();
        DiscardTurn();
        _detector?.Dispose();
        foreach (var response in _responsesByItem.Values)
        {
            response.Answer.StopProduction();
        }

        return Task.CompletedTask;
    }

    public async Task<VoiceConnection> ConnectAsync(VoiceConnectRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (_tenantId is null)
        {
            // Throws ConversationNotFoundException when the conversation is not the tenant's.
            await Conversation.GetAsync(request.TenantId);
            _tenantId = request.TenantId;
        }
        else if (_tenantId != request.TenantId)
        {
            throw new ConversationNotFoundException(ConversationId);
        }

        _connectionId = Guid.NewGuid();
        _connected = true;
        _abandonTimer?.Dispose();
        _abandonTimer = null;
        _log.Wake();

        var resumed = request.ResumeAfter is { } after && _log.HoldsAfter(after);
        var readAfter = resumed ? request.ResumeAfter!.Value : _log.LastSequence;
        _log.ResetDelivered(readAfter);
        if (request.ResumeAfter is { } missed && !resumed)
        {
            Emit(Event(VoiceEventKind.Error) with
            {
                Error = new VoiceError("resume_unavailable",
                    $"The events after voicehelper_seq {missed} are no longer held, so they cannot be sent again; the " +
                    $"session is at {_log.LastSequence}. The conversation continues: read its turns with " +
                    $"GET /api/v1/conversations/{ConversationId}/messages."),
            });
        }

        if (!resumed)
        {
            EmitSession(VoiceEventKind.SessionCreated);
        }

        GrainLog.VoiceConnected(logger, ConversationId, _connectionId, resumed);
        return new VoiceConnection(_connectionId, readAfter, resumed);
    }

    public async IAsyncEnumerable<VoiceEvent> ReadEventsAsync(
        Guid connectionId, long afterSequence, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var next = afterSequence;
        while (connectionId == _connectionId && _connected && !cancellationToken.IsCancellationRequested)
        {
            var batch = _log.After(next, 64);
            if (batch.Count == 0)
            {
                // Orleans keeps an enumeration that waits between elements alive with heartbeats of its own.
                await _log.Changed.WaitAsync(cancellationToken);
                continue;
            }

            foreach (var voiceEvent in batch)
            {
                if (connectionId != _connectionId)
                {
                    yield break;
                }

                next = voiceEvent.Sequence;
                _log.MarkDelivered(next);
                if (IsVoided(voiceEvent))
                {
                    continue;
                }

                OnDelivered(voiceEvent);
                yield return voiceEvent;
            }
        }
    }

    public Task RejectAsync(Guid connectionId, VoiceError error)
    {
        CheckConnection(connectionId);
        Emit(Event(VoiceEventKind.Error) with { Error = error });
        return Task.CompletedTask;
    }

    public Task DisconnectAsync(Guid connectionId)
    {
        if (connectionId != _connectionId || !_connected)
        {
            return Task.CompletedTask;
        }

        CloseConnection();
        GrainLog.VoiceDisconnected(logger, ConversationId, connectionId, _options.ReconnectWindow);
        return Task.CompletedTask;
    }

    // Ends the current connection and starts the reconnect window, after which the session ends.
    private void CloseConnection()
    {
        _connected = false;
        _log.Wake();
        DiscardTurn();
        _abandonTimer?.Dispose();
        _abandonTimer = this.RegisterGrainTimer(EndIfAbandonedAsync,
            new GrainTimerCreationOptions { DueTime = _options.ReconnectWindow, Period = Timeout.InfiniteTimeSpan });
    }

    public Task UpdateSessionAsync(Guid connectionId, VoiceSessionUpdate update, string? clientEventId)
    {
        CheckConnection(connectionId);
        ArgumentNullException.ThrowIfNull(update);
        var updated = Apply(_config, update, out var problem);
        if (updated is null)
        {
            Reject("invalid_value", problem!, clientEventId, "session");
            return Task.CompletedTask;
        }

        var inputChanged = updated.InputFormat != _config.InputFormat || updated.InputRate != _config.InputRate
            || updated.TurnDetection != _config.TurnDetection;
        _config = updated;
        if (inputChanged)
        {
            EndTurnForNewInput();
            ConfigureInput();
        }

        EmitSession(VoiceEventKind.SessionUpdated);
        return Task.CompletedTask;
    }

    private Task EndIfAbandonedAsync(CancellationToken cancellationToken)
    {
        if (_connected)
        {
            return Task.CompletedTask;
        }

        foreach (var response in _responsesByItem.Values)
        {
            response.Answer.StopProduction();
        }

        GrainLog.VoiceSessionEnded(logger, ConversationId);
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    private static VoiceSessionConfig? Apply(VoiceSessionConfig config, VoiceSessionUpdate update, out string? problem)
    {
        var inputFormat = update.InputFormat ?? config.InputFormat;
        var outputFormat = update.OutputFormat ?? config.OutputFormat;
        var inputRate = RateFor(inputFormat, update.InputRate, update.InputFormat is not null, config.InputRate);
        var outputRate = RateFor(outputFormat, update.OutputRate, update.OutputFormat is not null, config.OutputRate);
        problem = CheckRate("audio.input.format.rate", inputFormat, inputRate)
            ?? CheckRate("audio.output.format.rate", outputFormat, outputRate);
        var detection = update.SetTurnDetection ? update.TurnDetection : config.TurnDetection;
        if (problem is null && detection is not null)
        {
            var checks = ToDetectorOptions(detection, 60_000).Validate();
            problem = checks.Count > 0 ? "turn_detection is invalid: " + string.Join(" ", checks) : null;
        }

        if (problem is not null)
        {
            return null;
        }

        return config with
        {
            InputFormat = inputFormat,
            InputRate = inputRate,
            OutputFormat = outputFormat,
            OutputRate = outputRate,
            TurnDetection = detection,
            Voice = update.Voice ?? config.Voice,
            Instructions = update.Instructions ?? config.Instructions,
            TranscriptionModel = update.TranscriptionModel ?? config.TranscriptionModel,
        };
    }

    // G.711 is always 8 kHz; a PCM format without a rate keeps the current one, or gets 24 kHz when it was G.711.
    private static int RateFor(VoiceAudioFormat format, int? rate, bool formatChanged, int current) => format switch
    {
        VoiceAudioFormat.Pcm16 => rate ?? (formatChanged && current == VoiceSessionConfig.G711Rate
            ? VoiceSessionConfig.DefaultPcmRate
            : current),
        _ => rate ?? VoiceSessionConfig.G711Rate,
    };

    private static string? CheckRate(string name, VoiceAudioFormat format, int rate)
    {
        if (format != VoiceAudioFormat.Pcm16)
        {
            return rate == VoiceSessionConfig.G711Rate
                ? null
                : $"{name} is {rate}, but G.711 audio (audio/pcmu, audio/pcma) is always {VoiceSessionConfig.G711Rate} Hz.";
        }

        return rate is >= VoiceSessionConfig.MinPcmRate and <= VoiceSessionConfig.MaxPcmRate && rate % 1000 == 0
            ? null
            : $"{name} is {rate}, but audio/pcm must be a whole number of kilohertz from " +
              $"{VoiceSessionConfig.MinPcmRate} to {VoiceSessionConfig.MaxPcmRate} Hz, such as 24000.";
    }

    private static TurnDetectionOptions ToDetectorOptions(VoiceTurnDetection detection, int maxTurnMs) => new()
    {
        Threshold = detection.Threshold,
        PrefixPaddingMs = detection.PrefixPaddingMs,
        SilenceDurationMs = detection.SilenceDurationMs,
        MaxTurnMs = maxTurnMs,
    };

    private void CheckConnection(Guid connectionId)
    {
        if (connectionId != _connectionId || !_connected)
        {
            throw new VoiceConnectionClosedException(
                "This connection was replaced by a newer connection to the conversation, or closed because it fell " +
                "too far behind. Connect again with voicehelper_last_seq to resume.");
        }
    }

    private void Reject(string code, string message, string? clientEventId, string? param = null) =>
        Emit(Event(VoiceEventKind.Error) with { Error = new VoiceError(code, message, param, clientEventId) });

    private void EmitSession(VoiceEventKind kind) =>
        Emit(Event(kind) with { Session = _config, ConversationId = ConversationId });

    // An event to fill in with 'with' and pass to Emit, which numbers it.
    private static VoiceEvent Event(VoiceEventKind kind) => new(0, kind);

    private void Emit(VoiceEvent draft)
    {
        if (_turnClock.Observe(draft.Kind, TimeProvider.System.GetTimestamp(), TimeProvider.System.TimestampFrequency)
            is { } measurement)
        {
            VoiceMetrics.Record(measurement);
        }

        _log.Append(draft);
        if (_log.PendingCount > _options.MaxPendingEvents && _connected)
        {
            var pending = _log.PendingCount;
            GrainLog.VoiceClientTooSlow(logger, ConversationId, _connectionId, pending);
            // The gateway's DisconnectAsync then finds the connection closed, so the reconnect window starts here.
            CloseConnection();
            // The client's socket is full, so the reason reaches it when it resumes.
            _log.Append(Event(VoiceEventKind.Error) with
            {
                Error = new VoiceError("client_too_slow",
                    $"The previous connection was closed because {pending} events waited unread, more than " +
                    $"Voice:MaxPendingEvents ({_options.MaxPendingEvents}). Read events as fast as they arrive; " +
                    "this connection resumed after the last event that you processed."),
            });
        }

        Pulse();
    }

    private void Pulse()
    {
        var wake = _wake;
        _wake = NewSignal();
        wake.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
