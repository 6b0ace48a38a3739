using Grpc.Core;
using VoiceHelper.Gateway.Auth;
using VoiceHelper.Gateway.Knowledge;
using VoiceHelper.Grains.Conversations;
using V1 = VoiceHelper.Api.V1;

namespace VoiceHelper.Gateway.Conversations;

/// <summary>
/// The gRPC service <c>voicehelper.v1.ConversationService</c>: conversations, their history and streamed answers,
/// with the checks and limits of the REST endpoints, scoped to the tenant of the caller's API key. Failures become
/// gRPC statuses in <see cref="Rpc.RpcExceptionInterceptor"/>.
/// </summary>
public sealed class ConversationRpcService(IClusterClient cluster, ILogger<ConversationRpcService> logger)
    : V1.ConversationService.ConversationServiceBase
{
    public override async Task<V1.Conversation> CreateConversation(
        V1.CreateConversationRequest request, ServerCallContext context)
    {
        var settings = ReadSettings(
            request.HasTitle ? request.Title : null,
            request.HasKnowledgeBaseId ? request.KnowledgeBaseId : null,
            request.HasLanguage ? request.Language : null,
            request.HasVoice ? request.Voice : null);

        var summary = await cluster.GetGrain<IConversationGrain>(Guid.NewGuid()).CreateAsync(TenantOf(context), settings);
        return summary.ToMessage();
    }

    public override async Task<V1.Conversation> GetConversation(
        V1.GetConversationRequest request, ServerCallContext context)
    {
        var summary = await Conversation(request.ConversationId).GetAsync(TenantOf(context));
        return summary.ToMessage();
    }

    public override async Task<V1.ListConversationsResponse> ListConversations(
        V1.ListConversationsRequest request, ServerCallContext context)
    {
        var pageSize = ConversationChecks.CheckPageSize("page_size", request.PageSize == 0 ? null : request.PageSize);
        var after = ConversationPageTokens.ParseConversationCursor("page_token", request.PageToken);

        var page = await cluster.GetGrain<ITenantConversationsGrain>(TenantOf(context)).ListAsync(pageSize, after);
        var response = new V1.ListConversationsResponse { NextPageToken = ConversationPageTokens.Format(page.Next) };
        response.Conversations.Add(page.Conversations.Select(summary => summary.ToMessage()));
        return response;
    }

    public override async Task<V1.Conversation> UpdateConversation(
        V1.UpdateConversationRequest request, ServerCallContext context)
    {
        var conversation = Conversation(request.ConversationId);
        var changes = ReadSettings(
            request.HasTitle ? request.Title : null,
            request.HasKnowledgeBaseId ? request.KnowledgeBaseId : null,
            request.HasLanguage ? request.Language : null,
            request.HasVoice ? request.Voice : null);

        var summary = await conversation.UpdateAsync(TenantOf(context), changes);
        return summary.ToMessage();
    }

    public override async Task<V1.DeleteConversationResponse> DeleteConversation(
        V1.DeleteConversationRequest request, ServerCallContext context)
    {
        await Conversation(request.ConversationId).DeleteAsync(TenantOf(context));
        return new V1.DeleteConversationResponse();
    }

    public override async Task<V1.ListMessagesResponse> ListMessages(
        V1.ListMessagesRequest request, ServerCallContext context)
    {
        var conversation = Conversation(request.ConversationId);
        var pageSize = ConversationChecks.CheckPageSize("page_size", request.PageSize == 0 ? null : request.PageSize);
        var before = ConversationPageTokens.ParseMessageCursor("page_token", request.PageToken);

        var page = await conversation.GetTurnsAsync(TenantOf(context), pageSize, before);
        var response = new V1.ListMessagesResponse { NextPageToken = ConversationPageTokens.Format(page.NextBefore) };
        response.Messages.Add(page.Turns.Select(turn => turn.ToMessage()));
        return response;
    }

    public override async Task Chat(
        V1.ChatRequest request, IServerStreamWriter<V1.ChatEvent> responseStream, ServerCallContext context)
    {
        var conversation = Conversation(request.ConversationId);
        var tenantId = TenantOf(context);
        var relay = new ChatRelay(conversation, tenantId, responseStream, context, logger);
        if (request.HasResponseId)
        {
            var (responseId, afterSequence) = ChatRequests.ReadResume(request);
            await relay.ResumeAsync(responseId, afterSequence);
            return;
        }

        var message = ChatRequests.ReadMessage(request);
        // The grain stores the message even when the client cancels meanwhile; SendAnswerAsync then cancels the answer.
        var start = await conversation.StartResponseAsync(tenantId, message);
        ConversationChecks.EnsureSameMessage(start, message);
        await relay.SendAnswerAsync(start, request.Background);
    }

    public override async Task<V1.CancelResponseResponse> CancelResponse(
        V1.CancelResponseRequest request, ServerCallContext context)
    {
        var conversation = Conversation(request.ConversationId);
        var responseId = KnowledgeChecks.ParseId("response_id", request.ResponseId);

        var cancelled = await conversation.CancelResponseAsync(TenantOf(context), responseId);
        return new V1.CancelResponseResponse { Cancelled = cancelled };
    }

    public override async Task<V1.Usage> GetUsage(V1.GetUsageRequest request, ServerCallContext context)
    {
        var usage = await cluster.GetGrain<ITenantConversationsGrain>(TenantOf(context)).GetUsageAsync();
        return usage.ToMessage();
    }

    private static ConversationSettings ReadSettings(string? title, string? knowledgeBaseId, string? language, string? voice) =>
        new(
            ConversationChecks.CheckTitle("title", title),
            knowledgeBaseId is null ? null : KnowledgeChecks.ParseId("knowledge_base_id", knowledgeBaseId),
            ConversationChecks.CheckLanguage("language", language),
            ConversationChecks.CheckVoice("voice", voice));

    private static Guid TenantOf(ServerCallContext context) => context.GetHttpContext().User.GetTenantId();

    private IConversationGrain Conversation(string conversationId) =>
        cluster.GetGrain<IConversationGrain>(KnowledgeChecks.ParseId("conversation_id", conversationId));
}
