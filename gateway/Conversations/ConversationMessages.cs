using Google.Protobuf.WellKnownTypes;
using VoiceHelper.Gateway.Knowledge;
using VoiceHelper.Grains.Conversations;
using V1 = VoiceHelper.Api.V1;

namespace VoiceHelper.Gateway.Conversations;

/// <summary>Converts the grains' conversation records to the messages of the gRPC contract <c>voicehelper.v1</c>.</summary>
internal static class ConversationMessages
{
    public static V1.Conversation ToMessage(this ConversationSummary summary)
    {
        var message = new V1.Conversation
        {
            Id = summary.Id.ToString(),
            TenantId = summary.TenantId.ToString(),
            Language = summary.Language,
            CreateTime = Timestamp.FromDateTimeOffset(summary.CreatedAt),
            LastActivityTime = Timestamp.FromDateTimeOffset(summary.LastActivityAt),
        };

        // Proto3 optional fields have no null: an unset field is one that is never assigned.
        if (summary.Title is { } title)
        {
            message.Title = title;
        }

        if (summary.KnowledgeBaseId is { } knowledgeBaseId)
        {
            message.KnowledgeBaseId = knowledgeBaseId.ToString();
        }

        if (summary.Voice is { } voice)
        {
            message.Voice = voice;
        }

        return message;
    }

    public static V1.Message ToMessage(this Turn turn)
    {
        var message = new V1.Message
        {
            Id = turn.Id.ToString(),
            Sequence = turn.Sequence,
            Role = turn.Role.ToMessage(),
            Text = turn.Text,
            Modality = turn.Modality.ToMessage(),
            Status = turn.Status.ToMessage(),
            CreateTime = Timestamp.FromDateTimeOffset(turn.CreatedAt),
        };
        message.Sources.Add(turn.Sources.Select(KnowledgeMessages.ToMessage));
        if (turn.ReplyTo is { } replyTo)
        {
            message.ReplyToId = replyTo.ToString();
        }

        if (turn.RetrievalMs is { } retrievalMs)
        {
            message.RetrievalMs = retrievalMs;
        }

        if (turn.AnswerMs is { } answerMs)
        {
            message.AnswerMs = answerMs;
        }

        if (turn.CompletedAt is { } completedAt)
        {
            message.CompleteTime = Timestamp.FromDateTimeOffset(completedAt);
        }

        if (turn.Error is { } error)
        {
            message.ErrorMessage = error;
        }

        return message;
    }

    /// <summary>Returns the first event of a Chat call that sent a message.</summary>
    public static V1.ChatEvent ToStartedEvent(this ResponseStart start) => new()
    {
        Sequence = 0,
        ResponseId = start.ResponseId.ToString(),
        Started = new V1.ResponseStarted { UserMessage = start.Message.ToMessage(), Replayed = start.Replayed },
    };

    public static V1.ChatEvent ToMessage(this ResponseEvent responseEvent, Guid responseId)
    {
        var message = new V1.ChatEvent { Sequence = responseEvent.Sequence, ResponseId = responseId.ToString() };
        switch (responseEvent.Kind)
        {
            case ResponseEventKind.Delta:
                message.Delta = new V1.TextDelta { Text = responseEvent.Delta ?? string.Empty };
                break;
            case ResponseEventKind.Sources:
                message.Sources = new V1.ResponseSources();
                message.Sources.Sources.Add((responseEvent.Sources ?? []).Select(KnowledgeMessages.ToMessage));
                break;
            case ResponseEventKind.Done:
                var turn = responseEvent.Turn ?? throw new InvalidOperationException(
                    $"Event {responseEvent.Sequence} of response '{responseId}' is a done event without its turn.");
                message.Done = new V1.ResponseDone { AssistantMessage = turn.ToMessage() };
                break;
            default:
                throw new ArgumentOutOfRangeException(
                    nameof(responseEvent), responseEvent.Kind, "The response event kind has no gRPC event.");
        }

        return message;
    }

    public static V1.Usage ToMessage(this TenantUsage usage)
    {
        var message = new V1.Usage
        {
            MessageCount = usage.Turns,
            CharactersIn = usage.CharactersIn,
            CharactersOut = usage.CharactersOut,
            AudioSeconds = usage.AudioSeconds,
            AudioSecondsOut = usage.AudioSecondsOut,
        };
        if (usage.UpdatedAt is { } updatedAt)
        {
            message.UpdateTime = Timestamp.FromDateTimeOffset(updatedAt);
        }

        return message;
    }

    public static V1.MessageRole ToMessage(this TurnRole role) => role switch
    {
        TurnRole.User => V1.MessageRole.User,
        TurnRole.Assistant => V1.MessageRole.Assistant,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "The turn role has no gRPC value."),
    };

    public static V1.Modality ToMessage(this TurnModality modality) => modality switch
    {
        TurnModality.Text => V1.Modality.Text,
        TurnModality.Voice => V1.Modality.Voice,
        _ => throw new ArgumentOutOfRangeException(nameof(modality), modality, "The turn modality has no gRPC value."),
    };

    public static V1.MessageStatus ToMessage(this TurnStatus status) => status switch
    {
        TurnStatus.Streaming => V1.MessageStatus.Streaming,
        TurnStatus.Completed => V1.MessageStatus.Completed,
        TurnStatus.Cancelled => V1.MessageStatus.Cancelled,
        TurnStatus.Failed => V1.MessageStatus.Failed,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "The turn status has no gRPC value."),
    };
}
