using VoiceHelper.Grains.Voice;

namespace VoiceHelper.Gateway.Realtime;

/// <summary>A voice session opened for a realtime connection, with the model name that its events report.</summary>
internal sealed record OpenedSession(Guid ConversationId, IVoiceSessionGrain Session, VoiceConnection Connection, string Model);
