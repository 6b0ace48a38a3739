using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VoiceHelper.Grains.Knowledge;
using VoiceHelper.Grains.Logging;
using VoiceHelper.Knowledge.Answering;

namespace VoiceHelper.Grains.Conversations;

/// <summary>
/// Owns one conversation: checks the caller's tenant, stores each user turn before it returns, answers it in the
/// background from the conversation's knowledge base, and keeps the answer's events for readers on any gateway.
/// </summary>
public sealed partial class ConversationGrain(
    [PersistentState("conversation", StorageNames.Default)] IPersistentState<ConversationState> state,
    IConversationStore store,
    IAnswerGenerator answerer,
    IQuestionRewriter rewriter,
    IOptions<ConversationOptions> options,
    TimeProvider clock,
    ILogger<ConversationGrain> logger) : Grain, IConversationGrain
{
    private const string InterruptedError =
        "The answer was interrupted because the service restarted or moved the conversation. Send the message again.";

    private readonly Dictionary<Guid, ResponseRun> _responses = [];
    private long? _lastSequence;

    private Guid Id => this.GetPrimaryKey();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Answers in progress live only in the activation that generates them, so any still marked streaming
        // belonged to an activation that is gone.
        // NOTE: during a cluster membership change two activations can exist for a moment, and this may then
        // mark the other one's answer failed.
        if (state.RecordExists)
        {
            var interrupted = await store.FailInterruptedTurnsAsync(Id, InterruptedError, Now(), cancellationToken);
            if (interrupted > 0)
            {
                GrainLog.InterruptedResponsesFailed(logger, Id, interrupted);
            }
        }
    }

    public async Task<ConversationSummary> CreateAsync(Guid tenantId, ConversationSettings settings)
    {
        if (state.RecordExists)
        {
            throw new ConversationExistsException(Id);
        }

        await EnsureKnowledgeBaseAsync(tenantId, settings.KnowledgeBaseId);
        var now = Now();
        var summary = new ConversationSummary(Id, tenantId, settings.Title, now, settings.KnowledgeBaseId,
            settings.Language ?? ConversationDefaults.Language, settings.Voice, now);
        if (!await store.InsertConversationAsync(summary, CancellationToken.None))
        {
            throw new ConversationExistsException(Id);
        }

        state.State = new ConversationState
        {
            TenantId = tenantId,
            Title = summary.Title,
            CreatedAt = now,
            KnowledgeBaseId = summary.KnowledgeBaseId,
            Language = summary.Language,
            Voice = summary.Voice,
        };
        await state.WriteStateAsync();

        GrainLog.ConversationCreated(logger, Id, tenantId);
        return summary;
    }

    public async Task<ConversationSummary> GetAsync(Guid tenantId)
    {
        EnsureOwnedBy(tenantId);

        // No row while the grain has state means a delete marked the row but failed to clear the state.
        var row = await store.GetConversationAsync(Id, CancellationToken.None)
            ?? throw new ConversationNotFoundException(Id);
        return Summary(row.LastActivityAt);
    }

    public async Task<ConversationSummary> UpdateAsync(Guid tenantId, ConversationSettings changes)
    {
        EnsureOwnedBy(tenantId);
        await EnsureKnowledgeBaseAsync(tenantId, changes.KnowledgeBaseId);

        var current = state.State;
        var updated = new ConversationState
        {
            TenantId = current.TenantId,
            Title = changes.Title ?? current.Title,
            CreatedAt = current.CreatedAt,
            KnowledgeBaseId = changes.KnowledgeBaseId ?? current.KnowledgeBaseId,
            Language = changes.Language ?? current.Language,
            Voice = changes.Voice ?? current.Voice,
        };
        state.State = updated;
        var row = await store.GetConversationAsync(Id, CancellationToken.None);
        var summary = Summary(row?.LastActivityAt ?? updated.CreatedAt);
        await store.UpdateConversationAsync(summary, CancellationToken.None);
        await state.WriteStateAsync();
        return summary;
    }

    public async Task DeleteAsync(Guid tenantId)
    {
        EnsureOwnedBy(tenantId);
        foreach (var run in _responses.Values)
        {
            run.Cancel();
        }

        await Task.WhenAll(_responses.Values.Select(run => run.Generation));
        _responses.Clear();
        await store.MarkConversationDeletedAsync(Id, Now(), CancellationToken.None);
        await state.ClearStateAsync();
        _lastSequence = null;

        GrainLog.ConversationDeleted(logger, Id, tenantId);
        DeactivateOnIdle();
    }

    public async Task<ResponseStart> StartResponseAsync(Guid tenantId, UserMessage message)
    {
        EnsureOwnedBy(tenantId);
        ArgumentException.ThrowIfNullOrWhiteSpace(message.Text);
        ForgetOldResponses();

        if (message.IdempotencyKey is { } key && await FindReplayAsync(key) is { } replay)
        {
            GrainLog.MessageReplayed(logger, Id, replay.Message.Id);
            return replay;
        }

        var knowledgeBaseId = state.State.KnowledgeBaseId ?? throw new KnowledgeBaseRequiredException(Id);

        // A new message replaces an answer still in progress, as a person interrupting would.
        foreach (var running in _responses.Values.Where(run => run.FinalTurn is null))
        {
            running.Cancel();
        }

        var now = Now();
        var sequence = await GetLastSequenceAsync();
        var userTurn = new Turn(Guid.NewGuid(), sequence + 1, TurnRole.User, message.Text, message.Modality, now);
        var reply = new Turn(Guid.NewGuid(), sequence + 2, TurnRole.Assistant, string.Empty, message.Modality, now)
        {
            Status = TurnStatus.Streaming,
            ReplyTo = userTurn.Id,
        };

        try
        {
            await store.AppendExchangeAsync(tenantId, Id, userTurn, reply, message.IdempotencyKey, CancellationToken.None);
            _lastSequence = reply.Sequence;
        }
        catch (Exception exception) when (exception is TurnSequenceConflictException or IdempotencyKeyConflictException)
        {
            // Another activation wrote meanwhile. The next call numbers its turns from the stored maximum, and a
            // retry with the same key finds the other activation's turn.
            GrainLog.TurnSequenceConflict(logger, Id, userTurn.Sequence);
            _lastSequence = null;
            throw;
        }

        var run = new ResponseRun(userTurn, reply, message.IdempotencyKey);
        _responses[reply.Id] = run;
        run.Generation = GenerateAsync(run, tenantId, knowledgeBaseId, message.History);
        GrainLog.MessageStored(logger, Id, userTurn.Id, reply.Id);
        return new ResponseStart(userTurn, reply.Id, Replayed: false);
    }

    public async IAsyncEnumerable<ResponseEvent> ReadResponseAsync(
        Guid tenantId, Guid responseId, long afterSequence, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        EnsureOwnedBy(tenantId);
        if (!_responses.TryGetValue(responseId, out var run))
        {
            foreach (var stored in await StoredEventsAsync(responseId, afterSequence))
            {
                yield return stored;
            }

            yield break;
        }

        var next = afterSequence;
        while (true)
        {
            var (events, changed) = run.EventsAfter(next);
            if (events.Count == 0)
            {
                // A reader that resumes after the Done event gets nothing more, and any other reader waits.
                if (run.FinalTurn is not null)
                {
                    yield break;
                }

                await changed.WaitAsync(cancellationToken);
                continue;
            }

            foreach (var responseEvent in events)
            {
                next = responseEvent.Sequence;
                yield return responseEvent;
                if (responseEvent.Kind == ResponseEventKind.Done)
                {
                    yield break;
                }
            }
        }
    }

    public async Task<bool> CancelResponseAsync(Guid tenantId, Guid responseId)
    {
        EnsureOwnedBy(tenantId);
        if (_responses.TryGetValue(responseId, out var run))
        {
            if (run.FinalTurn is not null)
            {
                return false;
            }

            run.Cancel();
            await run.Generation;
            return run.FinalTurn?.Status == TurnStatus.Cancelled;
        }

        var turn = await store.GetTurnAsync(Id, responseId, CancellationToken.None);
        return turn is { Role: TurnRole.Assistant }
            ? false
            : throw new ResponseNotFoundException(Id, responseId);
    }

    public async Task<Turn> TruncateResponseAsync(
        Guid tenantId, Guid responseId, string text, IReadOnlyList<AnswerCitation> sources)
    {
        EnsureOwnedBy(tenantId);
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(sources);
        if (_responses.TryGetValue(responseId, out var run) && run.FinalTurn is null)
        {
            run.Cancel();
            await run.Generation;
        }

        var turn = await store.GetTurnAsync(Id, responseId, CancellationToken.None);
        if (turn is not { Role: TurnRole.Assistant })
        {
            throw new ResponseNotFoundException(Id, responseId);
        }

        var truncated = turn with { Text = text, Sources = sources, Status = TurnStatus.Cancelled };
        if (!await store.TruncateTurnAsync(Id, truncated, CancellationToken.None))
        {
            throw new ResponseNotFoundException(Id, responseId);
        }

        GrainLog.ResponseTruncated(logger, Id, responseId, turn.Text.Length, text.Length);
        return truncated;
    }

    public async Task<ConversationExchange> SendMessageAsync(Guid tenantId, UserMessage message)
    {
        var start = await StartResponseAsync(tenantId, message);
        if (_responses.TryGetValue(start.ResponseId, out var run))
        {
            await run.Generation;
            return new ConversationExchange(start.Message, run.FinalTurn!);
        }

        var reply = await store.GetTurnAsync(Id, start.ResponseId, CancellationToken.None)
            ?? throw new ResponseNotFoundException(Id, start.ResponseId);
        return new ConversationExchange(start.Message, reply);
    }

    public async Task<TurnPage> GetTurnsAsync(Guid tenantId, int limit, long? beforeSequence)
    {
        EnsureOwnedBy(tenantId);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);

        var before = beforeSequence ?? long.MaxValue;
        var turns = await store.GetTurnsAsync(Id, limit, before, CancellationToken.None);
        long? nextBefore = turns.Count > 0 && turns[0].Sequence > 1 ? turns[0].Sequence : null;
        return new TurnPage(turns, nextBefore);
    }

    private async Task<ResponseStart?> FindReplayAsync(string idempotencyKey)
    {
        var running = _responses.Values.FirstOrDefault(run => run.IdempotencyKey == idempotencyKey);
        if (running is not null)
        {
            return new ResponseStart(running.Message, running.Reply.Id, Replayed: true);
        }

        var stored = await store.FindByIdempotencyKeyAsync(Id, idempotencyKey, CancellationToken.None);
        return stored is { } pair ? new ResponseStart(pair.Message, pair.Reply.Id, Replayed: true) : null;
    }

    // Runs on the activation's scheduler, so it may touch the grain's fields between awaits.
    private async Task GenerateAsync(
        ResponseRun run, Guid tenantId, Guid knowledgeBaseId, IReadOnlyList<PriorMessage>? suppliedHistory)
    {
        // Generation is not a grain call, so without this an idle timeout shorter than the answer would deactivate
        // the conversation mid-answer. The extra minute covers storing the final turn.
        DelayDeactivation(options.Value.AnswerTimeout + TimeSpan.FromMinutes(1));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(run.CancellationToken);
        timeout.CancelAfter(options.Value.AnswerTimeout);
        var produced = new StringBuilder();
        var timer = Stopwatch.StartNew();
        int? retrievalMs = null;
        Turn final;
        try
        {
            var query = await RewriteAsync(run.Message, suppliedHistory, timeout.Token);
            var hits = await GrainFactory.GetGrain<IKnowledgeBaseGrain>(knowledgeBaseId)
                .SearchAsync(tenantId, new SearchQuery(query, options.Value.TopK, 0, null))
                .WaitAsync(timeout.Token);
            retrievalMs = (int)timer.ElapsedMilliseconds;
            timer.Restart();

            var passages = AnswerConversions.ToPassages(hits);
            GroundedAnswer? answer = null;
            await foreach (var update in answerer.StreamAsync(query, passages, timeout.Token))
            {
                if (update.Delta is { Length: > 0 } delta)
                {
                    produced.Append(delta);
                    run.Append(ResponseEventKind.Delta, delta: delta);
                }

                answer = update.Final ?? answer;
            }

            var sources = answer is null ? [] : AnswerConversions.ToCitations(answer.Sources);
            run.Append(ResponseEventKind.Sources, sources: sources);
            final = Ended(run.Reply, TurnStatus.Completed, answer?.Text ?? produced.ToString(), retrievalMs, timer) with
            {
                Sources = sources,
            };
            GrainLog.ResponseCompleted(logger, Id, final.Id, retrievalMs.Value, final.AnswerMs ?? 0);
        }
        catch (OperationCanceledException) when (run.IsCancellationRequested)
        {
            run.Append(ResponseEventKind.Sources, sources: []);
            final = Ended(run.Reply, TurnStatus.Cancelled, produced.ToString(), retrievalMs, timer);
            GrainLog.ResponseCancelled(logger, Id, final.Id, produced.Length);
        }
        catch (Exception exception)
        {
            GrainLog.ResponseFailed(logger, Id, run.Reply.Id, exception);
            run.Append(ResponseEventKind.Sources, sources: []);
            final = Ended(run.Reply, TurnStatus.Failed, produced.ToString(), retrievalMs, timer) with
            {
                Error = FailureMessage(exception, timeout.IsCancellationRequested),
            };
        }

        try
        {
            await store.CompleteTurnAsync(tenantId, Id, final, CancellationToken.None);
        }
        catch (Exception exception)
        {
            GrainLog.ResponseNotStored(logger, Id, final.Id, exception);
            final = final with
            {
                Status = TurnStatus.Failed,
                Error = "The answer could not be stored because the database failed. Send the message again.",
            };
        }

        run.Append(ResponseEventKind.Done, turn: final);
        run.MarkEnded(Now());
    }

    // The client's own history, when it sent one, replaces the stored turns, so a stateless client's follow-ups
    // keep their topic in a conversation that stores none of its earlier messages.
    private async Task<string> RewriteAsync(
        Turn message, IReadOnlyList<PriorMessage>? suppliedHistory, CancellationToken cancellationToken)
    {
        var limit = options.Value.HistoryTurns;
        if (limit == 0)
        {
            return message.Text;
        }

        var texts = suppliedHistory is null
            ? await ReadStoredHistoryAsync(message, limit, cancellationToken)
            : suppliedHistory.TakeLast(limit).Select(ToTurnText).ToList();
        return await rewriter.RewriteAsync(message.Text, texts, cancellationToken);
    }

    private async Task<List<ConversationTurnText>> ReadStoredHistoryAsync(
        Turn message, int limit, CancellationToken cancellationToken)
    {
        var history = await store.GetTurnsAsync(Id, limit, message.Sequence, cancellationToken);
        return history
            .Where(turn => turn.Status == TurnStatus.Completed)
            .Select(turn => new ConversationTurnText(turn.Role == TurnRole.User, turn.Text))
            .ToList();
    }

    private static ConversationTurnText ToTurnText(PriorMessage prior) => new(prior.Role == TurnRole.User, prior.Text);

    private Turn Ended(Turn reply, TurnStatus status, string text, int? retrievalMs, Stopwatch answerTimer) => reply with
    {
        Status = status,
        Text = text,
        RetrievalMs = retrievalMs,
        AnswerMs = retrievalMs is null ? null : (int)answerTimer.ElapsedMilliseconds,
        CompletedAt = Now(),
    };

    private static string FailureMessage(Exception exception, bool timedOut) => exception switch
    {
        KnowledgeBaseNotFoundException =>
            "The conversation's knowledge base no longer exists. Set another one with PATCH on the conversation.",
        AnswerModelException model => AnswerFailures.ForCaller(model).Message,
        AnswerUnavailableException unavailable => unavailable.Message,
        OperationCanceledException when timedOut =>
            "The answer took longer than Conversations:AnswerTimeout allows. Send the message again.",
        TimeoutException => "Retrieval or answering timed out. Send the message again.",
        _ => "Answering failed because of an internal error. The silo log has the details.",
    };

    // Replays a response whose events are no longer in memory from its stored turn.
    private async Task<IReadOnlyList<ResponseEvent>> StoredEventsAsync(Guid responseId, long afterSequence)
    {
        var turn = await store.GetTurnAsync(Id, responseId, CancellationToken.None);
        if (turn is not { Role: TurnRole.Assistant })
        {
            throw new ResponseNotFoundException(Id, responseId);
        }

        // The stored turn keeps the whole text but not how it was cut into deltas. A reader that got none gets the
        // text as one delta; one that got some gets the sources and the turn, whose text is complete.
        var events = new List<ResponseEvent>();
        var sequence = afterSequence;
        if (afterSequence == 0 && turn.Text.Length > 0)
        {
            events.Add(new ResponseEvent(++sequence, ResponseEventKind.Delta, Delta: turn.Text));
        }

        events.Add(new ResponseEvent(++sequence, ResponseEventKind.Sources, Sources: turn.Sources));
        events.Add(new ResponseEvent(++sequence, ResponseEventKind.Done, Turn: turn));
        return events;
    }

    private void ForgetOldResponses()
    {
        var cutoff = Now() - options.Value.ResponseRetention;
        foreach (var (id, run) in _responses.Where(entry => entry.Value.EndedAt < cutoff).ToList())
        {
            _responses.Remove(id);
        }
    }

    private async Task EnsureKnowledgeBaseAsync(Guid tenantId, Guid? knowledgeBaseId)
    {
        if (knowledgeBaseId is { } id)
        {
            // Throws KnowledgeBaseNotFoundException when the tenant has no such knowledge base.
            await GrainFactory.GetGrain<IKnowledgeBaseGrain>(id).GetAsync(tenantId);
        }
    }

    private ConversationSummary Summary(DateTimeOffset lastActivityAt) => new(
        Id, state.State.TenantId, state.State.Title, state.State.CreatedAt, state.State.KnowledgeBaseId,
        state.State.Language, state.State.Voice, lastActivityAt);

    private DateTimeOffset Now() => clock.GetUtcNow().TruncateToMicroseconds();

    private void EnsureOwnedBy(Guid tenantId)
    {
        if (!state.RecordExists || state.State.TenantId != tenantId)
        {
            throw new ConversationNotFoundException(Id);
        }
    }

    private async Task<long> GetLastSequenceAsync()
    {
        _lastSequence ??= await store.GetLastSequenceAsync(Id, CancellationToken.None);
        return _lastSequence.Value;
    }
}
