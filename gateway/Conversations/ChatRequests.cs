using VoiceHelper.Gateway.Errors;
using VoiceHelper.Gateway.Knowledge;
using VoiceHelper.Grains.Conversations;
using V1 = VoiceHelper.Api.V1;

namespace VoiceHelper.Gateway.Conversations;

/// <summary>
/// Reads the two forms of a gRPC <c>ChatRequest</c>: a new user message, or the resumption of an answer's stream.
/// Each method throws a 400 problem naming the first invalid field.
/// </summary>
internal static class ChatRequests
{
    /// <summary>Returns the user message of a request without <c>response_id</c>.</summary>
    public static UserMessage ReadMessage(V1.ChatRequest request)
    {
        if (request.HasResumeAfter)
        {
            throw ApiProblemException.InvalidField("resume_after",
                "Field 'resume_after' is set without 'response_id'. Set both to resume an answer's stream, or " +
                "neither to send a message.");
        }

        var text = ConversationChecks.CheckMessageText("text", request.Text);
        var idempotencyKey = ConversationChecks.CheckIdempotencyKey(
            "idempotency_key", request.HasIdempotencyKey ? request.IdempotencyKey : null);
        return new UserMessage(text, ToTurnModality(request.Modality), idempotencyKey);
    }

    /// <summary>Returns the response to resume and the sequence to resume after, of a request with <c>response_id</c>.</summary>
    public static (Guid ResponseId, long AfterSequence) ReadResume(V1.ChatRequest request)
    {
        var responseId = KnowledgeChecks.ParseId("response_id", request.ResponseId);
        ThrowIfSet("text", request.Text.Length > 0);
        ThrowIfSet("modality", request.Modality != V1.Modality.Unspecified);
        ThrowIfSet("idempotency_key", request.HasIdempotencyKey);
        ThrowIfSet("background", request.Background);

        var afterSequence = request.HasResumeAfter ? request.ResumeAfter : 0;
        if (afterSequence < 0)
        {
            throw ApiProblemException.InvalidField("resume_after",
                $"Field 'resume_after' is {afterSequence}; it must be 0 or the sequence of an event received before.");
        }

        return (responseId, afterSequence);
    }

    private static TurnModality ToTurnModality(V1.Modality modality) => modality switch
    {
        V1.Modality.Unspecified or V1.Modality.Text => TurnModality.Text,
        V1.Modality.Voice => TurnModality.Voice,
        _ => throw ApiProblemException.InvalidField("modality",
            $"Field 'modality' is {(int)modality}, which is not a Modality value. Use MODALITY_TEXT or MODALITY_VOICE."),
    };

    // A resume call reads an existing answer, so the fields that describe a new message would be silently ignored.
    private static void ThrowIfSet(string field, bool isSet)
    {
        if (isSet)
        {
            throw ApiProblemException.InvalidField(field,
                $"Field '{field}' must keep its default when 'response_id' is set, because a resume call sends no " +
                "message. Clear it, or clear 'response_id' to send a new message.");
        }
    }
}
