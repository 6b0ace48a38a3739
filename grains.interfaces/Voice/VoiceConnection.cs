namespace VoiceHelper.Grains.Voice;

/// <summary>A client connecting to a conversation's voice session.</summary>
/// <param name="TenantId">The caller's tenant, which must own the conversation.</param>
/// <param name="ResumeAfter">
/// The <c>voicehelper_seq</c> of the last event the client processed on an earlier connection, to receive the
/// events after it; null for a new session.
/// </param>
[GenerateSerializer, Immutable, Alias("VoiceHelper.VoiceConnectRequest")]
public sealed record VoiceConnectRequest(
    [property: Id(0)] Guid TenantId,
    [property: Id(1)] long? ResumeAfter);

/// <summary>A connection accepted by a voice session.</summary>
/// <param name="ConnectionId">Names the connection in every later call; a newer connection replaces it.</param>
/// <param name="ReadAfter">The sequence after which the connection reads events.</param>
/// <param name="Resumed">Whether the events after <see cref="VoiceConnectRequest.ResumeAfter"/> were still held.</param>
[GenerateSerializer, Immutable, Alias("VoiceHelper.VoiceConnection")]
public sealed record VoiceConnection(
    [property: Id(0)] Guid ConnectionId,
    [property: Id(1)] long ReadAfter,
    [property: Id(2)] bool Resumed);
