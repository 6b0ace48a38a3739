using System.Security.Claims;
using VoiceHelper.Gateway.Auth;
using VoiceHelper.Gateway.Conversations;
using VoiceHelper.Gateway.Errors;
using VoiceHelper.Gateway.Json;
using VoiceHelper.Gateway.Logging;
using VoiceHelper.Grains.Conversations;
using VoiceHelper.Grains.Knowledge;

namespace VoiceHelper.Gateway.OpenAI;

/// <summary>
/// <c>POST /v1/chat/completions</c>: answers the last user message from the knowledge base named by the model, in a
/// conversation that stores the exchange. Without a <see cref="OpenAIHeaders.ConversationId"/> header each request
/// starts a new conversation; the earlier messages that the client sends reach the question rewriter but are not
/// stored. With the header, an <c>Idempotency-Key</c> header makes a retry return the stored exchange instead of
/// adding another.
/// </summary>
internal static class ChatCompletionEndpoint
{
    private static readonly TimeSpan CancelTimeout = TimeSpan.FromSeconds(10);

    public static async Task HandleAsync(
        HttpContext context, ClaimsPrincipal user, IClusterClient cluster, TokenCounter tokens,
        ILoggerFactory loggerFactory)
    {
        var logger = loggerFactory.CreateLogger(typeof(ChatCompletionEndpoint));
        var body = await RequestBody.ReadAsync<ChatCompletionRequest>(context.Request, ChatRequestReader.Example);
        var input = ChatRequestReader.Read(body);
        var idempotencyKey = IdempotencyKey(context.Request);
        var tenantId = user.GetTenantId();
        var knowledgeBase = await KnowledgeBaseResolver.ResolveAsync(context.Request, input.Model, tenantId, cluster);
        var (conversationId, continued) = await OpenConversationAsync(context.Request, input, knowledgeBase, tenantId, cluster);

        // A continued conversation's stored turns serve as history unless the client sent its own.
        var history = input.History.Count > 0 || !continued ? input.History : null;
        var conversation = cluster.GetGrain<IConversationGrain>(conversationId);
        var message = new UserMessage(input.Question, IdempotencyKey: idempotencyKey, History: history);
        var start = await conversation.StartResponseAsync(tenantId, message);
        ConversationChecks.EnsureSameMessage(start, message);
        var chat = new ChatResponseContext(tenantId, conversationId, conversation, start, knowledgeBase.Name, input, tokens);
        context.Response.Headers[OpenAIHeaders.ConversationId] = conversationId.ToString();

        try
        {
            if (input.Stream)
            {
                await ChatCompletionStream.WriteAsync(context, chat, logger);
            }
            else
            {
                await WriteCompletionAsync(context, chat);
            }
        }
        catch (Exception) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client is gone, so nobody reads the answer, unless it retries with the same key: then the answer
            // goes on, and the retry gets it. ASP.NET Core ends an aborted request without an error.
            GatewayLog.ChatCompletionAbandoned(logger, start.ResponseId, conversationId);
            if (idempotencyKey is null)
            {
                await CancelAsync(chat, logger);
            }

            throw;
        }
    }

    // A key names one message of one conversation. Without a conversation each request starts a new one, where
    // no earlier message can be found, so a key there would promise what it cannot keep.
    private static string? IdempotencyKey(HttpRequest request)
    {
        var key = ConversationChecks.IdempotencyKey(request);
        if (key is not null && string.IsNullOrWhiteSpace(request.Headers[OpenAIHeaders.ConversationId].ToString()))
        {
            throw new ApiProblemException(StatusCodes.Status400BadRequest, ProblemCodes.ValidationFailed,
                $"The request has an {ConversationChecks.IdempotencyKeyHeader} header but no {OpenAIHeaders.ConversationId} " +
                $"header. A key makes a retry safe only within one stored conversation: send the {OpenAIHeaders.ConversationId} " +
                $"header too, or leave out the {ConversationChecks.IdempotencyKeyHeader} header.");
        }

        return key;
    }

    private static async Task<(Guid Id, bool Continued)> OpenConversationAsync(
        HttpRequest request, ChatCompletionInput input, KnowledgeBaseInfo knowledgeBase, Guid tenantId,
        IClusterClient cluster)
    {
        var header = request.Headers[OpenAIHeaders.ConversationId].ToString();
        if (string.IsNullOrWhiteSpace(header))
        {
            var id = Guid.NewGuid();
            await cluster.GetGrain<IConversationGrain>(id)
                .CreateAsync(tenantId, new ConversationSettings(input.Title, knowledgeBase.Id));
            return (id, false);
        }

        if (!Guid.TryParse(header, out var conversationId))
        {
            throw new ApiProblemException(StatusCodes.Status400BadRequest, ProblemCodes.ValidationFailed,
                $"The {OpenAIHeaders.ConversationId} header is '{Shorten(header)}', which is not a UUID. Send the id " +
                "from an earlier response's header of the same name, or leave it out to start a new conversation.");
        }

        var summary = await cluster.GetGrain<IConversationGrain>(conversationId).GetAsync(tenantId);
        if (summary.KnowledgeBaseId != knowledgeBase.Id)
        {
            var current = summary.KnowledgeBaseId is { } id ? $"knowledge base '{id}'" : "no knowledge base";
            throw ApiProblemException.InvalidField("model",
                $"Conversation '{conversationId}' answers from {current}, but the request names '{knowledgeBase.Name}' " +
                $"('{knowledgeBase.Id}'). Name the conversation's knowledge base as the model, or leave out the " +
                $"{OpenAIHeaders.ConversationId} header to start a new conversation.");
        }

        return (conversationId, true);
    }

    private static async Task WriteCompletionAsync(HttpContext context, ChatResponseContext chat)
    {
        var text = new CompletionText(chat.Tokens, chat.Input.MaxTokens);
        IReadOnlyList<AnswerCitation> sources = [];
        Turn? turn = null;
        await foreach (var responseEvent in chat.ReadEventsAsync(context.RequestAborted))
        {
            switch (responseEvent.Kind)
            {
                case ResponseEventKind.Delta:
                    text.Append(responseEvent.Delta ?? string.Empty);
                    break;
                case ResponseEventKind.Sources:
                    sources = responseEvent.Sources ?? [];
                    text.Append(SourcesFooter.Format(sources));
                    break;
                case ResponseEventKind.Done:
                    turn = responseEvent.Turn;
                    break;
            }
        }

        if (chat.FailureOf(turn) is { } failure)
        {
            throw new ApiProblemException(failure.Status, failure.Code, failure.Detail);
        }

        var message = new ChatResponseMessage("assistant", text.Text, null);
        var choice = new ChatChoice(0, message, null, text.Truncated ? "length" : "stop");
        var completion = new ChatCompletion(chat.Id, chat.Created, chat.Model, [choice], chat.Usage(text),
            chat.Extension(sources));
        await TypedResults.Json(completion).ExecuteAsync(context);
    }

    private static async Task CancelAsync(ChatResponseContext chat, ILogger logger)
    {
        try
        {
            await chat.Conversation.CancelResponseAsync(chat.TenantId, chat.Start.ResponseId).WaitAsync(CancelTimeout);
        }
        catch (Exception exception)
        {
            GatewayLog.ChatCompletionCancelFailed(logger, chat.Start.ResponseId, chat.ConversationId, exception);
        }
    }

    private static string Shorten(string value) => value.Length <= 64 ? value : value[..64] + "...";
}
