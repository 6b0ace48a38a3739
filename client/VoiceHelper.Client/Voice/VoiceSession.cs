using System.Runtime.CompilerServices;
using System.Text.Json;
using Google.Protobuf;
using Grpc.Core;
using VoiceHelper.Client.Internal;
using VoiceHelper.Client.Logging;
using V1 = VoiceHelper.Api.V1;

namespace VoiceHelper.Client;

/// <summary>
/// A spoken conversation over the gateway's bidirectional <c>voicehelper.v1.VoiceService/Converse</c> call: audio
/// and client events of the OpenAI Realtime protocol go in, and the session's events come out of
/// <see cref="ReadEventsAsync"/>. <see cref="ConversationClient.ConverseAsync"/> opens it.
/// </summary>
/// <remarks>
/// <para>
/// The send methods may be called from several threads; they send one message at a time, in the order they were
/// called. Read the events from one reader at a time. The gateway sends events only as fast as the reader takes
/// them, and a reader that leaves more than 2,000 events unread (the server's <c>Voice:MaxPendingEvents</c>) is
/// disconnected, so keep reading while you send audio.
/// </para>
/// <para>
/// A session is not reconnected on its own. When the call breaks, open a new one with the same
/// <see cref="ConversationId"/> and <see cref="ConverseOptions.ResumeAfter"/> set to <see cref="LastSequence"/>, and
/// the events after it arrive again.
/// </para>
/// </remarks>
public sealed class VoiceSession : IAsyncDisposable
{
    /// <summary>The largest audio message that the gateway accepts by default (<c>Realtime:MaxMessageBytes</c>), 1 MiB.</summary>
    public const int MaxAudioBytes = 1024 * 1024;

    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(5);

    private readonly RpcInvoker _invoker;
    private readonly AsyncDuplexStreamingCall<V1.ConverseRequest, V1.ConverseEvent> _call;
    private readonly VoiceEventReader _reader = new();
    private readonly SemaphoreSlim _sending = new(1, 1);
    private VoiceEvent? _firstEvent;
    private int _reading;
    private bool _completed;
    private bool _disposed;

    private VoiceSession(RpcInvoker invoker, AsyncDuplexStreamingCall<V1.ConverseRequest, V1.ConverseEvent> call, Guid? conversationId)
    {
        _invoker = invoker;
        _call = call;
        ConversationId = conversationId;
    }

    /// <summary>
    /// The conversation that stores the session's turns: the one named in <see cref="ConverseOptions"/>, or for a new
    /// conversation the one that <see cref="SessionCreated"/> names.
    /// </summary>
    public Guid? ConversationId { get; private set; }

    /// <summary>The sequence of the last event that <see cref="ReadEventsAsync"/> returned; 0 before the first.</summary>
    public long LastSequence { get; private set; }

    /// <summary>The settings of the last <see cref="SessionCreated"/> or <see cref="SessionUpdated"/> read; null before one.</summary>
    public VoiceConfiguration? Configuration { get; private set; }

    /// <summary>
    /// Starts the call and, unless it resumes, waits for <see cref="SessionCreated"/>, which <see cref="ReadEventsAsync"/>
    /// then returns first.
    /// </summary>
    internal static async Task<VoiceSession> OpenAsync(
        RpcInvoker invoker, V1.VoiceService.VoiceServiceClient service, ConverseOptions options, CancellationToken cancellationToken)
    {
        var start = new V1.ConverseStart
        {
            KnowledgeBase = options.KnowledgeBase,
            ConversationId = options.ConversationId?.ToString() ?? string.Empty,
        };
        if (options.ResumeAfter is { } resumeAfter)
        {
            start.ResumeAfter = resumeAfter;
        }

        var call = service.Converse(invoker.StreamOptions(CancellationToken.None));
        var session = new VoiceSession(invoker, call, options.ConversationId);
        try
        {
            await session.WriteAsync(new V1.ConverseRequest { Start = start }, cancellationToken).ConfigureAwait(false);
            if (options.ResumeAfter is null)
            {
                // A session that is not resumed starts with session.created, or fails here when the knowledge base or
                // conversation does not exist.
                session._firstEvent = await session.ReadNextAsync(cancellationToken).ConfigureAwait(false)
                    ?? throw new VoiceHelperException(
                        "The gateway ended the Converse call without sending session.created. Check the gateway's log.",
                        StatusCode.Unknown, null, null, [], false, null);
            }
        }
        catch
        {
            call.Dispose();
            throw;
        }

        ClientLog.VoiceSessionOpened(invoker.Logger, session.ConversationId, options.ResumeAfter);
        return session;
    }

    /// <summary>
    /// Reads the session's events as they arrive, until the gateway ends the call. Several reads may follow each other,
    /// and each goes on where the last one stopped; only one may run at a time.
    /// </summary>
    /// <param name="cancellationToken">
    /// Cancels the read. Cancelling while it waits for an event ends the whole call, as in any gRPC streaming call.
    /// </param>
    /// <exception cref="VoiceHelperConflictException">
    /// A newer connection to the same conversation replaced this one (ABORTED); resume on it or open a new session.
    /// </exception>
    /// <exception cref="VoiceHelperException">The call failed; the subclass and <see cref="VoiceHelperException.ErrorCode"/> name the kind of failure.</exception>
    /// <exception cref="InvalidOperationException">Another read is running.</exception>
    public async IAsyncEnumerable<VoiceEvent> ReadEventsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (Interlocked.Exchange(ref _reading, 1) == 1)
        {
            throw new InvalidOperationException("Another ReadEventsAsync of this voice session is running; read from one place at a time.");
        }

        try
        {
            if (_firstEvent is { } first)
            {
                _firstEvent = null;
                LastSequence = first.Sequence;
                yield return first;
            }

            while (await ReadNextAsync(cancellationToken).ConfigureAwait(false) is { } next)
            {
                LastSequence = next.Sequence;
                yield return next;
            }
        }
        finally
        {
            Volatile.Write(ref _reading, 0);
        }
    }

    /// <summary>
    /// Sends audio to append to the input buffer, in the session's input format: 16-bit little-endian mono PCM at the
    /// session's rate, or G.711 bytes. Send it in pieces of 20 to 100 ms as it is recorded. A recording may also be sent
    /// faster than real time, because the session detects turns by samples, not by clock time.
    /// </summary>
    /// <exception cref="ArgumentException">The audio is empty or larger than <see cref="MaxAudioBytes"/>.</exception>
    /// <remarks>Audio that the session cannot decode, such as an odd number of PCM bytes, gets an <c>invalid_audio</c> <see cref="SessionError"/>.</remarks>
    public Task SendAudioAsync(ReadOnlyMemory<byte> audio, CancellationToken cancellationToken = default)
    {
        if (audio.IsEmpty || audio.Length > MaxAudioBytes)
        {
            throw new ArgumentException(
                $"The audio has {audio.Length} bytes; send 1 to {MaxAudioBytes} bytes at a time.", nameof(audio));
        }

        return WriteAsync(new V1.ConverseRequest { Audio = ByteString.CopyFrom(audio.Span) }, cancellationToken);
    }

    /// <summary>Sends any client event of the OpenAI Realtime protocol as a JSON object, such as <c>{"type":"response.create"}</c>.</summary>
    /// <exception cref="ArgumentException">The text is not a JSON object with a string <c>type</c>.</exception>
    public Task SendEventAsync(string eventJson, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventJson);
        CheckEvent(eventJson);
        return WriteAsync(new V1.ConverseRequest { EventJson = eventJson }, cancellationToken);
    }

    /// <summary>Changes the session's settings with <c>session.update</c>; <see cref="SessionUpdated"/> confirms them.</summary>
    /// <returns>The event's id, which a <see cref="SessionError"/> about it names in <see cref="VoiceError.ClientEventId"/>.</returns>
    public Task<string> UpdateSessionAsync(VoiceSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return SendWithIdAsync(id => ClientEventJson.SessionUpdate(id, settings), cancellationToken);
    }

    /// <summary>
    /// Ends the user's turn with <c>input_audio_buffer.commit</c>. Without turn detection it commits the audio sent since
    /// the last commit, at least 100 ms; with server VAD it ends the turn in progress, and is rejected with
    /// <c>input_audio_buffer_commit_empty</c> when no speech is in progress.
    /// </summary>
    /// <returns>The event's id.</returns>
    public Task<string> CommitAudioAsync(CancellationToken cancellationToken = default) =>
        SendWithIdAsync(id => ClientEventJson.Event("input_audio_buffer.commit", id), cancellationToken);

    /// <summary>Drops the audio sent since the last commit and any turn in progress (<c>input_audio_buffer.clear</c>).</summary>
    /// <returns>The event's id.</returns>
    public Task<string> ClearAudioAsync(CancellationToken cancellationToken = default) =>
        SendWithIdAsync(id => ClientEventJson.Event("input_audio_buffer.clear", id), cancellationToken);

    /// <summary>Adds a typed user message (<c>conversation.item.create</c>), which the next <see cref="CreateResponseAsync"/> answers.</summary>
    /// <param name="text">The message, 1 to 8,000 characters.</param>
    /// <param name="cancellationToken">Cancels sending.</param>
    /// <returns>The event's id.</returns>
    public Task<string> SendTextAsync(string text, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        return SendWithIdAsync(id => ClientEventJson.UserText(id, text), cancellationToken);
    }

    /// <summary>
    /// Asks for an answer to the latest user item that has none (<c>response.create</c>). With server VAD and its default
    /// settings every spoken turn is answered without it. With no user item waiting, the session speaks its greeting.
    /// </summary>
    /// <returns>The event's id.</returns>
    public Task<string> CreateResponseAsync(CancellationToken cancellationToken = default) =>
        SendWithIdAsync(id => ClientEventJson.Event("response.create", id), cancellationToken);

    /// <summary>
    /// Cancels the answer in progress (<c>response.cancel</c>); the stored turn keeps the sentences played so far.
    /// </summary>
    /// <returns>The event's id.</returns>
    public Task<string> CancelResponseAsync(CancellationToken cancellationToken = default) =>
        SendWithIdAsync(id => ClientEventJson.Event("response.cancel", id), cancellationToken);

    /// <summary>
    /// Cuts an assistant item, and its stored turn, to the audio that the client played (<c>conversation.item.truncate</c>).
    /// </summary>
    /// <param name="itemId">The assistant item, from <see cref="AnswerAudioDelta.ItemId"/>.</param>
    /// <param name="audioEndMs">The milliseconds of the item's audio that were played.</param>
    /// <param name="cancellationToken">Cancels sending.</param>
    /// <returns>The event's id.</returns>
    public Task<string> TruncateAsync(string itemId, long audioEndMs, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(itemId);
        ArgumentOutOfRangeException.ThrowIfNegative(audioEndMs);
        return SendWithIdAsync(id => ClientEventJson.Truncate(id, itemId, audioEndMs), cancellationToken);
    }

    /// <summary>
    /// Ends the client's side of the call. The gateway then ends the session's connection, and
    /// <see cref="ReadEventsAsync"/> ends after the events already sent. The session waits for a reconnect for a while
    /// (2 minutes by default), during which the conversation can be resumed.
    /// </summary>
    public async Task CompleteAsync(CancellationToken cancellationToken = default)
    {
        await _sending.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_completed)
            {
                _completed = true;
                await _call.RequestStream.CompleteAsync().ConfigureAwait(false);
            }
        }
        catch (RpcException exception)
        {
            throw _invoker.Translate(exception);
        }
        finally
        {
            _sending.Release();
        }
    }

    /// <summary>
    /// Closes the call: completes the client's side, waits up to 5 seconds for the gateway to end it unless a read is
    /// running, and then releases it. Failures while closing are logged, not thrown.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            await CompleteAsync().ConfigureAwait(false);
            if (Volatile.Read(ref _reading) == 0)
            {
                using var timeout = new CancellationTokenSource(CloseTimeout);
                while (await _call.ResponseStream.MoveNext(timeout.Token).ConfigureAwait(false))
                {
                    // The events after the client's side ended are not read by anyone.
                }
            }
        }
        catch (Exception exception) when (exception is VoiceHelperException or RpcException or OperationCanceledException
            or InvalidOperationException)
        {
            ClientLog.VoiceSessionCloseFailed(_invoker.Logger, ConversationId, exception);
        }
        finally
        {
            _call.Dispose();
            _sending.Dispose();
            ClientLog.VoiceSessionClosed(_invoker.Logger, ConversationId, LastSequence);
        }
    }

    private async Task<VoiceEvent?> ReadNextAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (!await _call.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }
        }
        catch (RpcException exception)
        {
            throw _invoker.Translate(exception);
        }

        var next = Read(_call.ResponseStream.Current);
        switch (next)
        {
            case SessionCreated created:
                ConversationId = created.ConversationId;
                Configuration = created.Configuration;
                break;
            case SessionUpdated updated:
                ConversationId = updated.ConversationId;
                Configuration = updated.Configuration;
                break;
        }

        return next;
    }

    // A server event that does not have the expected shape is passed on as it is, so the reader still sees it.
    private VoiceEvent Read(V1.ConverseEvent message)
    {
        try
        {
            return _reader.Read(message);
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or FormatException
            or InvalidOperationException)
        {
            ClientLog.VoiceEventUnreadable(_invoker.Logger, message.Type, message.Sequence, ConversationId, exception);
            return new OtherVoiceEvent(message.Sequence, message.Type, message.Json);
        }
    }

    private async Task<string> SendWithIdAsync(Func<string, string> write, CancellationToken cancellationToken)
    {
        var eventId = "evt_" + Guid.NewGuid().ToString("N")[..24];
        await WriteAsync(new V1.ConverseRequest { EventJson = write(eventId) }, cancellationToken).ConfigureAwait(false);
        return eventId;
    }

    private async Task WriteAsync(V1.ConverseRequest request, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _sending.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_completed)
            {
                throw new InvalidOperationException("The voice session's sending side is complete; open a new session to send more.");
            }

            await _call.RequestStream.WriteAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException exception)
        {
            throw _invoker.Translate(exception);
        }
        finally
        {
            _sending.Release();
        }
    }

    private static void CheckEvent(string eventJson)
    {
        try
        {
            using var document = JsonDocument.Parse(eventJson);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String)
            {
                return;
            }
        }
        catch (JsonException exception)
        {
            throw new ArgumentException($"The event is not valid JSON: {exception.Message}", nameof(eventJson), exception);
        }

        throw new ArgumentException(
            "The event must be a JSON object with a string field 'type', such as {\"type\":\"response.create\"}.", nameof(eventJson));
    }
}
