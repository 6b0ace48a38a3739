using VoiceHelper.Gateway.Errors;
using VoiceHelper.Gateway.OpenAI;
using VoiceHelper.Grains.Conversations;
using VoiceHelper.Grains.Voice;

namespace VoiceHelper.Gateway.Realtime;

/// <summary>Opens the voice session of a WebSocket or gRPC connection: the knowledge base, the conversation and the grain.</summary>
internal static class RealtimeSessions
{
    /// <summary>
    /// Resolves the knowledge base named by <paramref name="model"/>, continues the conversation named by
    /// <paramref name="conversationId"/> (switching it to that knowledge base) or creates one, and connects to the
    /// conversation's voice session, resuming after <paramref name="resumeAfter"/> when it is set.
    /// </summary>
    /// <exception cref="ApiProblemException">A value is invalid or names nothing of the tenant.</exception>
    public static async Task<OpenedSession> OpenAsync(
        HttpRequest request, IClusterClient cluster, Guid tenantId, string model, string conversationId, long? resumeAfter)
    {
        var knowledgeBase = await KnowledgeBaseResolver.ResolveAsync(request, model, tenantId, cluster);
        if (resumeAfter is not null && conversationId.Length == 0)
        {
            throw ApiProblemException.InvalidField("conversation_id",
                "Resuming after voicehelper_last_seq needs 'conversation_id', the conversation to resume, from " +
                "session.voicehelper.conversation_id of session.created.");
        }

        var id = await OpenConversationAsync(cluster, tenantId, knowledgeBase.Id, conversationId, resumeAfter is not null);
        var session = cluster.GetGrain<IVoiceSessionGrain>(id);
        var connection = await session.ConnectAsync(new VoiceConnectRequest(tenantId, resumeAfter));
        return new OpenedSession(id, session, connection, string.IsNullOrWhiteSpace(model) ? knowledgeBase.Name : model);
    }

    // Continues the named conversation, switching it to the model's knowledge base, or starts a new one.
    private static async Task<Guid> OpenConversationAsync(
        IClusterClient cluster, Guid tenantId, Guid knowledgeBaseId, string text, bool resuming)
    {
        if (text.Length == 0)
        {
            var created = await cluster.GetGrain<IConversationGrain>(Guid.NewGuid())
                .CreateAsync(tenantId, new ConversationSettings(Title: "Voice session", KnowledgeBaseId: knowledgeBaseId));
            return created.Id;
        }

        if (!Guid.TryParse(text, out var conversationId))
        {
            throw ApiProblemException.InvalidField("conversation_id",
                $"'conversation_id' is '{text}', which is not a conversation id (a UUID).");
        }

        var conversation = cluster.GetGrain<IConversationGrain>(conversationId);
        var summary = await conversation.GetAsync(tenantId);
        if (!resuming && summary.KnowledgeBaseId != knowledgeBaseId)
        {
            await conversation.UpdateAsync(tenantId, new ConversationSettings(KnowledgeBaseId: knowledgeBaseId));
        }

        return conversationId;
    }
}
