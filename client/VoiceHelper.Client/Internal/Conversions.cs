using Google.Protobuf.WellKnownTypes;
using V1 = VoiceHelper.Api.V1;

namespace VoiceHelper.Client.Internal;

/// <summary>Converts the messages of the gRPC contract <c>voicehelper.v1</c> into the SDK's records.</summary>
internal static class Conversions
{
    public static KnowledgeBase ToModel(this V1.KnowledgeBase message) => new(
        Guid.Parse(message.Id), Guid.Parse(message.TenantId), message.Name, message.ShardCount, Time(message.CreateTime));

    public static Document ToModel(this V1.Document message) => new(
        Guid.Parse(message.Id),
        Guid.Parse(message.KnowledgeBaseId),
        message.Title,
        message.FileName,
        message.ContentType,
        message.SizeBytes,
        message.Status switch
        {
            V1.DocumentStatus.Queued => DocumentStatus.Queued,
            V1.DocumentStatus.Parsing => DocumentStatus.Parsing,
            V1.DocumentStatus.Embedding => DocumentStatus.Embedding,
            V1.DocumentStatus.Indexed => DocumentStatus.Indexed,
            V1.DocumentStatus.Failed => DocumentStatus.Failed,
            _ => DocumentStatus.Unknown,
        },
        message.HasErrorCode ? message.ErrorCode : null,
        message.HasErrorMessage ? message.ErrorMessage : null,
        message.ChunkCount,
        message.ChunksEmbedded,
        message.HasParseMs ? TimeSpan.FromMilliseconds(message.ParseMs) : null,
        message.HasEmbedMs ? TimeSpan.FromMilliseconds(message.EmbedMs) : null,
        message.HasIndexMs ? TimeSpan.FromMilliseconds(message.IndexMs) : null,
        Time(message.CreateTime),
        Time(message.UpdateTime));

    public static SearchResult ToModel(this V1.SearchResult message) => new(
        Guid.Parse(message.DocumentId), message.Title, message.Heading, message.HasPage ? message.Page : null,
        message.Text, message.Score);

    public static Citation ToModel(this V1.Citation message) => new(
        Guid.Parse(message.DocumentId), message.Title, message.Heading, message.HasPage ? message.Page : null, message.Quote);

    public static Answer ToModel(this V1.AskResponse message) =>
        new(message.Answer, message.Answered, message.Sources.Select(ToModel).ToList());

    public static Conversation ToModel(this V1.Conversation message) => new(
        Guid.Parse(message.Id),
        Guid.Parse(message.TenantId),
        message.HasTitle ? message.Title : null,
        message.HasKnowledgeBaseId ? Guid.Parse(message.KnowledgeBaseId) : null,
        message.Language,
        message.HasVoice ? message.Voice : null,
        Time(message.CreateTime),
        Time(message.LastActivityTime));

    public static Message ToModel(this V1.Message message) => new(
        Guid.Parse(message.Id),
        message.Sequence,
        message.Role switch
        {
            V1.MessageRole.User => MessageRole.User,
            V1.MessageRole.Assistant => MessageRole.Assistant,
            _ => MessageRole.Unknown,
        },
        message.Text,
        message.Modality.ToModel(),
        message.Status switch
        {
            V1.MessageStatus.Streaming => MessageStatus.Streaming,
            V1.MessageStatus.Completed => MessageStatus.Completed,
            V1.MessageStatus.Cancelled => MessageStatus.Cancelled,
            V1.MessageStatus.Failed => MessageStatus.Failed,
            _ => MessageStatus.Unknown,
        },
        message.Sources.Select(ToModel).ToList(),
        message.HasReplyToId ? Guid.Parse(message.ReplyToId) : null,
        message.HasRetrievalMs ? TimeSpan.FromMilliseconds(message.RetrievalMs) : null,
        message.HasAnswerMs ? TimeSpan.FromMilliseconds(message.AnswerMs) : null,
        Time(message.CreateTime),
        message.CompleteTime is null ? null : Time(message.CompleteTime),
        message.HasErrorMessage ? message.ErrorMessage : null);

    /// <summary>Returns the SDK's event, or null for an event kind that this SDK does not know.</summary>
    public static ChatEvent? ToModel(this V1.ChatEvent message)
    {
        var responseId = Guid.Parse(message.ResponseId);
        return message.EventCase switch
        {
            V1.ChatEvent.EventOneofCase.Started => new ResponseStarted(
                message.Sequence, responseId, message.Started.UserMessage.ToModel(), message.Started.Replayed),
            V1.ChatEvent.EventOneofCase.Delta => new TextDelta(message.Sequence, responseId, message.Delta.Text),
            V1.ChatEvent.EventOneofCase.Sources => new ResponseSources(
                message.Sequence, responseId, message.Sources.Sources.Select(ToModel).ToList()),
            V1.ChatEvent.EventOneofCase.Done => new ResponseDone(
                message.Sequence, responseId, message.Done.AssistantMessage.ToModel()),
            _ => null,
        };
    }

    public static Usage ToModel(this V1.Usage message) => new(
        message.MessageCount, message.CharactersIn, message.CharactersOut, message.AudioSeconds,
        message.UpdateTime is null ? null : Time(message.UpdateTime), message.AudioSecondsOut);

    public static ApiKey ToModel(this V1.ApiKey message) => new(
        Guid.Parse(message.Id), message.Name, message.Prefix, message.Admin, Time(message.CreateTime),
        message.RevokeTime is null ? null : Time(message.RevokeTime));

    public static Modality ToModel(this V1.Modality modality) => modality switch
    {
        V1.Modality.Text => Modality.Text,
        V1.Modality.Voice => Modality.Voice,
        _ => Modality.Unknown,
    };

    public static V1.Modality ToMessage(this Modality modality) => modality switch
    {
        Modality.Text => V1.Modality.Text,
        Modality.Voice => V1.Modality.Voice,
        _ => throw new ArgumentOutOfRangeException(nameof(modality), modality, "Send Modality.Text or Modality.Voice."),
    };

    // The gateway always sets these timestamps; an unset one reads as the Unix epoch instead of failing the call.
    private static DateTimeOffset Time(Timestamp? timestamp) =>
        (timestamp ?? new Timestamp()).ToDateTimeOffset();
}
