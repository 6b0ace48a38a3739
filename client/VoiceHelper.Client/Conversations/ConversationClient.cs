using System.Runtime.CompilerServices;
using VoiceHelper.Client.Internal;
using V1 = VoiceHelper.Api.V1;

namespace VoiceHelper.Client;

/// <summary>
/// Conversations, their messages and streamed answers: the calls of <c>voicehelper.v1.ConversationService</c>.
/// Reads and updates are retried on transient failures; creating, deleting and cancelling are not.
/// </summary>
public sealed class ConversationClient
{
    private readonly RpcInvoker _invoker;
    private readonly V1.ConversationService.ConversationServiceClient _service;
    private readonly V1.VoiceService.VoiceServiceClient _voice;
    private readonly int _maxReconnects;

    internal ConversationClient(RpcInvoker invoker, int maxReconnects)
    {
        _invoker = invoker;
        _service = new V1.ConversationService.ConversationServiceClient(invoker.CallInvoker);
        _voice = new V1.VoiceService.VoiceServiceClient(invoker.CallInvoker);
        _maxReconnects = maxReconnects;
    }

    /// <summary>Creates a conversation.</summary>
    /// <param name="settings">The title, knowledge base, language and voice; null creates one without settings.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="VoiceHelperNotFoundException">The knowledge base does not exist.</exception>
    public async Task<Conversation> CreateAsync(ConversationSettings? settings = null, CancellationToken cancellationToken = default)
    {
        var request = new V1.CreateConversationRequest();
        if (settings?.Title is { } title)
        {
            request.Title = title;
        }

        if (settings?.KnowledgeBaseId is { } knowledgeBaseId)
        {
            request.KnowledgeBaseId = knowledgeBaseId.ToString();
        }

        if (settings?.Language is { } language)
        {
            request.Language = language;
        }

        if (settings?.Voice is { } voice)
        {
            request.Voice = voice;
        }

        var response = await _invoker.CallOnceAsync(
            options => _service.CreateConversationAsync(request, options), cancellationToken).ConfigureAwait(false);
        return response.ToModel();
    }

    /// <summary>Reads one conversation.</summary>
    /// <exception cref="VoiceHelperNotFoundException">The tenant has no such conversation.</exception>
    public async Task<Conversation> GetAsync(Guid conversationId, CancellationToken cancellationToken = default)
    {
        var request = new V1.GetConversationRequest { ConversationId = conversationId.ToString() };
        var response = await _invoker.CallWithRetriesAsync(nameof(GetAsync),
            options => _service.GetConversationAsync(request, options), cancellationToken).ConfigureAwait(false);
        return response.ToModel();
    }

    /// <summary>Lists one page of the tenant's conversations, most recent activity first.</summary>
    /// <param name="pageSize">1 to 200; 0 means 50.</param>
    /// <param name="pageToken">The <see cref="Page{T}.NextPageToken"/> of the previous page; null for the first page.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<Page<Conversation>> ListAsync(int pageSize = 0, string? pageToken = null,
        CancellationToken cancellationToken = default)
    {
        var request = new V1.ListConversationsRequest { PageSize = pageSize, PageToken = pageToken ?? string.Empty };
        var response = await _invoker.CallWithRetriesAsync(nameof(ListAsync),
            options => _service.ListConversationsAsync(request, options), cancellationToken).ConfigureAwait(false);
        return new Page<Conversation>(response.Conversations.Select(Conversions.ToModel).ToList(), TokenOrNull(response.NextPageToken));
    }

    /// <summary>Lists all the tenant's conversations, most recent activity first, reading one page at a time.</summary>
    public async IAsyncEnumerable<Conversation> ListAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? pageToken = null;
        do
        {
            var page = await ListAsync(0, pageToken, cancellationToken).ConfigureAwait(false);
            foreach (var conversation in page.Items)
            {
                yield return conversation;
            }

            pageToken = page.NextPageToken;
        }
        while (pageToken is not null);
    }

    /// <summary>Changes the settings that are set and keeps the others.</summary>
    /// <exception cref="VoiceHelperNotFoundException">The conversation or the knowledge base does not exist.</exception>
    public async Task<Conversation> UpdateAsync(Guid conversationId, ConversationSettings settings,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);

        var request = new V1.UpdateConversationRequest { ConversationId = conversationId.ToString() };
        if (settings.Title is { } title)
        {
            request.Title = title;
        }

        if (settings.KnowledgeBaseId is { } knowledgeBaseId)
        {
            request.KnowledgeBaseId = knowledgeBaseId.ToString();
        }

        if (settings.Language is { } language)
        {
            request.Language = language;
        }

        if (settings.Voice is { } voice)
        {
            request.Voice = voice;
        }

        // Setting the same values again changes nothing, so an update is safe to repeat.
        var response = await _invoker.CallWithRetriesAsync(nameof(UpdateAsync),
            options => _service.UpdateConversationAsync(request, options), cancellationToken).ConfigureAwait(false);
        return response.ToModel();
    }

    /// <summary>Cancels any answer in progress and deletes the conversation with all its messages.</summary>
    /// <exception cref="VoiceHelperNotFoundException">The tenant has no such conversation.</exception>
    public async Task DeleteAsync(Guid conversationId, CancellationToken cancellationToken = default)
    {
        var request = new V1.DeleteConversationRequest { ConversationId = conversationId.ToString() };
        await _invoker.CallOnceAsync(
            options => _service.DeleteConversationAsync(request, options), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Lists one page of stored messages. The first page contains the newest messages, and each further page goes back in
    /// time; each page lists its messages oldest first.
    /// </summary>
    /// <param name="conversationId">The conversation.</param>
    /// <param name="pageSize">1 to 200; 0 means 50.</param>
    /// <param name="pageToken">The <see cref="Page{T}.NextPageToken"/> of the previous page; null for the newest messages.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<Page<Message>> ListMessagesAsync(Guid conversationId, int pageSize = 0, string? pageToken = null,
        CancellationToken cancellationToken = default)
    {
        var request = new V1.ListMessagesRequest
        {
            ConversationId = conversationId.ToString(), PageSize = pageSize, PageToken = pageToken ?? string.Empty,
        };
        var response = await _invoker.CallWithRetriesAsync(nameof(ListMessagesAsync),
            options => _service.ListMessagesAsync(request, options), cancellationToken).ConfigureAwait(false);
        return new Page<Message>(response.Messages.Select(Conversions.ToModel).ToList(), TokenOrNull(response.NextPageToken));
    }

    /// <summary>Returns every stored message of the conversation, oldest first, reading all pages.</summary>
    public async Task<IReadOnlyList<Message>> GetHistoryAsync(Guid conversationId, CancellationToken cancellationToken = default)
    {
        var pages = new List<IReadOnlyList<Message>>();
        string? pageToken = null;
        do
        {
            var page = await ListMessagesAsync(conversationId, 200, pageToken, cancellationToken).ConfigureAwait(false);
            pages.Add(page.Items);
            pageToken = page.NextPageToken;
        }
        while (pageToken is not null);

        // Pages come newest first and each lists its messages oldest first.
        return pages.AsEnumerable().Reverse().SelectMany(page => page).ToList();
    }

    /// <summary>
    /// Sends a user message and streams the answer as events: <see cref="ResponseStarted"/>, <see cref="TextDelta"/>
    /// pieces, <see cref="ResponseSources"/> and <see cref="ResponseDone"/>. A cancelled or failed answer still ends with
    /// <see cref="ResponseDone"/>, whose message status records the outcome.
    /// </summary>
    /// <remarks>
    /// When the connection breaks, the client calls again and resumes after the last event it received, on any gateway,
    /// so the events arrive once each and in order. Without <see cref="ChatOptions.Background"/> the gateway cancels
    /// the answer when it notices the broken connection, and the resumed stream ends with the cancelled message.
    /// Stopping the enumeration or cancelling the token cancels the answer unless it runs in the background.
    /// </remarks>
    /// <param name="conversationId">A conversation with a knowledge base.</param>
    /// <param name="text">The message, 1 to 8,000 characters.</param>
    /// <param name="options">The modality, idempotency key and whether the answer runs in the background.</param>
    /// <param name="cancellationToken">Cancels the call, and the answer unless it runs in the background.</param>
    /// <exception cref="VoiceHelperConflictException">The conversation has no knowledge base (<c>knowledge_base_required</c>).</exception>
    /// <exception cref="VoiceHelperNotFoundException">The tenant has no such conversation.</exception>
    public IAsyncEnumerable<ChatEvent> ChatAsync(Guid conversationId, string text, ChatOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);

        var request = new V1.ChatRequest
        {
            ConversationId = conversationId.ToString(),
            Text = text,
            Modality = (options?.Modality ?? Modality.Text).ToMessage(),
            IdempotencyKey = options?.IdempotencyKey ?? Guid.NewGuid().ToString("N"),
            Background = options?.Background ?? false,
        };
        return ReadAsync(request, cancellationToken);
    }

    /// <summary>
    /// Resumes the event stream of an earlier answer after the sequence <paramref name="resumeAfter"/>, on any gateway.
    /// Resuming only reads: ending it early never cancels the answer.
    /// </summary>
    /// <remarks>
    /// The gateway keeps an answer's events for some minutes after it ended (<c>Conversations:ResponseRetention</c>,
    /// default 5). After that it rebuilds them from the stored message: from sequence 0 one <see cref="TextDelta"/> with
    /// the whole text, and from a later sequence only <see cref="ResponseSources"/> and <see cref="ResponseDone"/>,
    /// whose message contains the text.
    /// </remarks>
    /// <param name="conversationId">The conversation of the answer.</param>
    /// <param name="responseId">The <see cref="ChatEvent.ResponseId"/> of the answer.</param>
    /// <param name="resumeAfter">The highest sequence received; 0 resumes after <see cref="ResponseStarted"/>.</param>
    /// <param name="cancellationToken">Cancels reading.</param>
    /// <exception cref="VoiceHelperNotFoundException">The conversation has no such response (<c>response_not_found</c>).</exception>
    public IAsyncEnumerable<ChatEvent> ResumeChatAsync(Guid conversationId, Guid responseId, long resumeAfter = 0,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(resumeAfter);

        var request = new V1.ChatRequest
        {
            ConversationId = conversationId.ToString(), ResponseId = responseId.ToString(), ResumeAfter = resumeAfter,
        };
        return ReadAsync(request, cancellationToken);
    }

    /// <summary>
    /// Cancels an answer in progress, from any gateway, and stores what it produced as a cancelled message. A stream of
    /// that answer ends with <see cref="ResponseDone"/>.
    /// </summary>
    /// <returns>True when this call cancelled the answer; false when it had already ended.</returns>
    public async Task<bool> CancelResponseAsync(Guid conversationId, Guid responseId, CancellationToken cancellationToken = default)
    {
        var request = new V1.CancelResponseRequest { ConversationId = conversationId.ToString(), ResponseId = responseId.ToString() };
        var response = await _invoker.CallOnceAsync(
            options => _service.CancelResponseAsync(request, options), cancellationToken).ConfigureAwait(false);
        return response.Cancelled;
    }

    /// <summary>Reads the tenant's usage counters.</summary>
    internal async Task<Usage> GetUsageAsync(CancellationToken cancellationToken)
    {
        var response = await _invoker.CallWithRetriesAsync("GetUsageAsync",
            options => _service.GetUsageAsync(new V1.GetUsageRequest(), options), cancellationToken).ConfigureAwait(false);
        return response.ToModel();
    }

    /// <summary>
    /// Opens a spoken conversation with a knowledge base over the gateway's <c>Converse</c> call. Unless it resumes, it
    /// returns once <see cref="SessionCreated"/> has arrived, which the session's <see cref="VoiceSession.ReadEventsAsync"/>
    /// returns first. The call is not retried, because opening a session without a conversation id creates a
    /// conversation.
    /// </summary>
    /// <param name="options">The knowledge base, and optionally the conversation to continue and the sequence to resume after.</param>
    /// <param name="cancellationToken">Cancels opening; once it has returned, the session's own calls take their tokens.</param>
    /// <exception cref="VoiceHelperNotFoundException">
    /// The knowledge base (<c>model_not_found</c>) or conversation (<c>conversation_not_found</c>) does not exist. When
    /// resuming, this arrives from the first read of events instead.
    /// </exception>
    /// <exception cref="VoiceHelperValidationException">A value of <paramref name="options"/> is invalid.</exception>
    public async Task<VoiceSession> ConverseAsync(ConverseOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.KnowledgeBase, nameof(options));
        if (options.ResumeAfter is { } resumeAfter)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(resumeAfter, nameof(options));
            if (options.ConversationId is null)
            {
                throw new ArgumentException(
                    "ConverseOptions.ResumeAfter needs ConverseOptions.ConversationId, the conversation to resume.", nameof(options));
            }
        }

        return await VoiceSession.OpenAsync(_invoker, _voice, options, cancellationToken).ConfigureAwait(false);
    }

    private async IAsyncEnumerable<ChatEvent> ReadAsync(V1.ChatRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var stream = new ChatStream(_invoker, _service, request, _maxReconnects);
        while (await stream.ReadNextAsync(cancellationToken).ConfigureAwait(false) is { } next)
        {
            if (next.ToModel() is { } chatEvent)
            {
                yield return chatEvent;
            }
        }
    }

    private static string? TokenOrNull(string token) => token.Length == 0 ? null : token;
}
