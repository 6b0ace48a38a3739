using Grpc.Core;
using Polly;
using Polly.Retry;
using VoiceHelper.Client.Logging;
using V1 = VoiceHelper.Api.V1;

namespace VoiceHelper.Client.Internal;

/// <summary>
/// Reads one answer's events from <c>Chat</c> calls. When a call breaks after an event arrived, the next call resumes
/// after the highest sequence received. When it breaks before, the next call sends the same request again, which the
/// idempotency key makes safe. Events that a repeated call sends again are skipped, so the reader sees each sequence
/// once.
/// </summary>
internal sealed class ChatStream : IAsyncDisposable
{
    private readonly RpcInvoker _invoker;
    private readonly V1.ConversationService.ConversationServiceClient _service;
    private readonly V1.ChatRequest _firstRequest;
    private readonly Guid _conversationId;
    private readonly ResiliencePipeline _reconnects;
    private AsyncServerStreamingCall<V1.ChatEvent>? _call;
    private string? _responseId;
    private long _lastSequence = -1;

    public ChatStream(RpcInvoker invoker, V1.ConversationService.ConversationServiceClient service, V1.ChatRequest request,
        int maxReconnects)
    {
        _invoker = invoker;
        _service = service;
        _firstRequest = request;
        _conversationId = Guid.Parse(request.ConversationId);
        if (request.HasResponseId)
        {
            _responseId = request.ResponseId;
            _lastSequence = request.HasResumeAfter ? request.ResumeAfter : 0;
        }

        _reconnects = CreateReconnectPipeline(maxReconnects);
    }

    /// <summary>Returns the next event with a sequence not seen before, or null after the last one.</summary>
    public async Task<V1.ChatEvent?> ReadNextAsync(CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        try
        {
            return await _reconnects.ExecuteAsync(
                static (context, stream) => stream.MoveNextAsync(context.CancellationToken), context, this)
                .ConfigureAwait(false);
        }
        catch (RpcException exception)
        {
            throw _invoker.Translate(exception);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    public ValueTask DisposeAsync()
    {
        _call?.Dispose();
        _call = null;
        return ValueTask.CompletedTask;
    }

    private async ValueTask<V1.ChatEvent?> MoveNextAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            _call ??= _service.Chat(NextRequest(), _invoker.StreamOptions(cancellationToken));
            try
            {
                if (!await _call.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false))
                {
                    return null;
                }
            }
            catch (RpcException)
            {
                _call.Dispose();
                _call = null;
                throw;
            }

            var current = _call.ResponseStream.Current;
            if (current.Sequence > _lastSequence)
            {
                _lastSequence = current.Sequence;
                _responseId = current.ResponseId;
                return current;
            }
        }
    }

    // The first call sends the request as given; once an event has arrived, later calls resume after it.
    private V1.ChatRequest NextRequest() => _responseId is null
        ? _firstRequest
        : new V1.ChatRequest { ConversationId = _firstRequest.ConversationId, ResponseId = _responseId, ResumeAfter = _lastSequence };

    private ResiliencePipeline CreateReconnectPipeline(int maxReconnects)
    {
        if (maxReconnects == 0)
        {
            return ResiliencePipeline.Empty;
        }

        return new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                // Resuming only reads, so any broken stream may resume. Without a response id yet, the request is repeated
                // under its idempotency key, which stores nothing twice.
                ShouldHandle = new PredicateBuilder().Handle<RpcException>(exception =>
                    _responseId is null ? RpcErrors.IsTransient(exception) : RpcErrors.IsBrokenStream(exception)),
                MaxRetryAttempts = maxReconnects,
                Delay = _invoker.RetryDelay,
                MaxDelay = TimeSpan.FromSeconds(10),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                OnRetry = arguments =>
                {
                    if (arguments.Outcome.Exception is RpcException failure)
                    {
                        ClientLog.ChatResuming(_invoker.Logger, _responseId ?? "(not started)", _conversationId,
                            failure.StatusCode, _lastSequence, arguments.RetryDelay, failure);
                    }

                    return default;
                },
            })
            .Build();
    }
}
