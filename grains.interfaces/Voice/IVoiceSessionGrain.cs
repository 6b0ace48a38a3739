using Orleans.Concurrency;

namespace VoiceHelper.Grains.Voice;

/// <summary>
/// The live voice session of one conversation, keyed by the conversation's id. It detects turns in the client's
/// audio, recognizes them, stores them in the conversation and speaks the answers, and numbers its events so a
/// client that reconnects on any gateway receives what it missed. One connection at a time: a new one replaces the
/// older, whose calls then fail with <see cref="VoiceConnectionClosedException"/>.
/// </summary>
[Alias("VoiceHelper.IVoiceSessionGrain")]
public interface IVoiceSessionGrain : IGrainWithGuidKey
{
    /// <summary>
    /// Attaches a connection. A new session starts with <c>session.created</c>; a resumed one continues after
    /// <see cref="VoiceConnectRequest.ResumeAfter"/>, or reports <c>resume_unavailable</c> when those events are gone.
    /// </summary>
    /// <exception cref="Conversations.ConversationNotFoundException">The tenant has no such conversation.</exception>
    [Alias("Connect")]
    Task<VoiceConnection> ConnectAsync(VoiceConnectRequest request);

    /// <summary>
    /// Streams the events after <paramref name="afterSequence"/>, waiting for new ones, until the connection is
    /// replaced, closed or falls too far behind.
    /// </summary>
    [Alias("ReadEvents"), AlwaysInterleave]
    IAsyncEnumerable<VoiceEvent> ReadEventsAsync(
        Guid connectionId, long afterSequence, CancellationToken cancellationToken = default);

    /// <summary>Adds audio in the session's input format (<c>input_audio_buffer.append</c>).</summary>
    [Alias("AppendAudio")]
    Task AppendAudioAsync(Guid connectionId, byte[] audio, string? clientEventId);

    /// <summary>Ends the user turn held in the input buffer (<c>input_audio_buffer.commit</c>).</summary>
    [Alias("CommitAudio")]
    Task CommitAudioAsync(Guid connectionId, string? clientEventId);

    /// <summary>Drops the audio held in the input buffer (<c>input_audio_buffer.clear</c>).</summary>
    [Alias("ClearAudio")]
    Task ClearAudioAsync(Guid connectionId, string? clientEventId);

    /// <summary>Changes the session's settings (<c>session.update</c>).</summary>
    [Alias("UpdateSession")]
    Task UpdateSessionAsync(Guid connectionId, VoiceSessionUpdate update, string? clientEventId);

    /// <summary>Adds a typed user message (<c>conversation.item.create</c>), answered on <c>response.create</c>.</summary>
    [Alias("AddUserText")]
    Task AddUserTextAsync(Guid connectionId, string text, string? clientEventId);

    /// <summary>
    /// Answers the latest user item that has no answer yet (<c>response.create</c>), or speaks the greeting when
    /// there is none.
    /// </summary>
    [Alias("CreateResponse")]
    Task CreateResponseAsync(Guid connectionId, string? clientEventId);

    /// <summary>Cancels the response in progress (<c>response.cancel</c>).</summary>
    [Alias("CancelResponse"), AlwaysInterleave]
    Task CancelResponseAsync(Guid connectionId, string? clientEventId);

    /// <summary>
    /// Truncates an assistant item to the first <paramref name="audioEndMs"/> milliseconds of its audio, the part
    /// the client played (<c>conversation.item.truncate</c>), and the stored turn to the sentences heard.
    /// </summary>
    [Alias("TruncateItem")]
    Task TruncateItemAsync(Guid connectionId, string itemId, long audioEndMs, string? clientEventId);

    /// <summary>Reports a problem that the gateway found in a client event as an <c>error</c> event.</summary>
    [Alias("Reject")]
    Task RejectAsync(Guid connectionId, VoiceError error);

    /// <summary>
    /// Marks the connection gone. The session keeps its events for a reconnect window, then ends; the conversation
    /// and its turns stay.
    /// </summary>
    [Alias("Disconnect"), AlwaysInterleave]
    Task DisconnectAsync(Guid connectionId);
}
