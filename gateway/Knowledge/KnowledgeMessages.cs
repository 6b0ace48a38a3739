using Google.Protobuf.WellKnownTypes;
using VoiceHelper.Grains.Knowledge;
using V1 = VoiceHelper.Api.V1;

namespace VoiceHelper.Gateway.Knowledge;

/// <summary>Converts the grains' knowledge records to the messages of the gRPC contract <c>voicehelper.v1</c>.</summary>
internal static class KnowledgeMessages
{
    public static V1.KnowledgeBase ToMessage(this KnowledgeBaseInfo info) => new()
    {
        Id = info.Id.ToString(),
        TenantId = info.TenantId.ToString(),
        Name = info.Name,
        ShardCount = info.ShardCount,
        CreateTime = Timestamp.FromDateTimeOffset(info.CreatedAt),
    };

    public static V1.Document ToMessage(this DocumentInfo document)
    {
        var message = new V1.Document
        {
            Id = document.Id.ToString(),
            KnowledgeBaseId = document.KnowledgeBaseId.ToString(),
            Title = document.Title,
            FileName = document.FileName,
            ContentType = document.ContentType,
            SizeBytes = document.SizeBytes,
            Status = document.Status.ToMessage(),
            ChunkCount = document.ChunkCount,
            ChunksEmbedded = document.ChunksEmbedded,
            CreateTime = Timestamp.FromDateTimeOffset(document.CreatedAt),
            UpdateTime = Timestamp.FromDateTimeOffset(document.UpdatedAt),
        };

        // Proto3 optional fields have no null: an unset field is one that is never assigned.
        if (document.ErrorCode is { } errorCode)
        {
            message.ErrorCode = errorCode;
        }

        if (document.ErrorMessage is { } errorMessage)
        {
            message.ErrorMessage = errorMessage;
        }

        if (document.ParseMs is { } parseMs)
        {
            message.ParseMs = parseMs;
        }

        if (document.EmbedMs is { } embedMs)
        {
            message.EmbedMs = embedMs;
        }

        if (document.IndexMs is { } indexMs)
        {
            message.IndexMs = indexMs;
        }

        return message;
    }

    public static V1.DocumentStatus ToMessage(this DocumentStatus status) => status switch
    {
        DocumentStatus.Queued => V1.DocumentStatus.Queued,
        DocumentStatus.Parsing => V1.DocumentStatus.Parsing,
        DocumentStatus.Embedding => V1.DocumentStatus.Embedding,
        DocumentStatus.Indexed => V1.DocumentStatus.Indexed,
        DocumentStatus.Failed => V1.DocumentStatus.Failed,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "The document status has no gRPC value."),
    };

    public static V1.SearchResult ToMessage(this SearchHit hit)
    {
        var message = new V1.SearchResult
        {
            DocumentId = hit.DocumentId.ToString(),
            Title = hit.Title,
            Heading = hit.Heading,
            Text = hit.Text,
            Score = hit.Score,
        };
        if (hit.Page is { } page)
        {
            message.Page = page;
        }

        return message;
    }

    public static V1.AskResponse ToMessage(this KnowledgeAnswer answer)
    {
        var message = new V1.AskResponse { Answer = answer.Answer, Answered = answer.Answered };
        message.Sources.Add(answer.Sources.Select(ToMessage));
        return message;
    }

    public static V1.Citation ToMessage(this AnswerCitation citation)
    {
        var message = new V1.Citation
        {
            DocumentId = citation.DocumentId.ToString(),
            Title = citation.Title,
            Heading = citation.Heading,
            Quote = citation.Quote,
        };
        if (citation.Page is { } page)
        {
            message.Page = page;
        }

        return message;
    }
}
