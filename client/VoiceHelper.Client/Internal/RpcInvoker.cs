using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using VoiceHelper.Client.Logging;

namespace VoiceHelper.Client.Internal;

/// <summary>
/// The channel to the gateway with the API key on every call, the deadlines of the options, the retry pipeline for
/// calls that are safe to repeat, and the translation of failures into the SDK's exceptions.
/// </summary>
internal sealed class RpcInvoker : IDisposable
{
    private readonly VoiceHelperClientOptions _options;
    private readonly GrpcChannel _channel;
    private readonly CertificateTrust? _trust;

    public RpcInvoker(VoiceHelperClientOptions options, ILogger logger)
    {
        _options = options;
        Logger = logger;
        _trust = options.TrustedCertificatePath is { } path ? CertificateTrust.Load(path) : null;
        _channel = GrpcChannel.ForAddress(options.Address, new GrpcChannelOptions
        {
            HttpHandler = CreateHandler(options, _trust),
            DisposeHttpClient = true,
            // Cancelling a call's token surfaces as OperationCanceledException, as everywhere else in .NET.
            ThrowOperationCanceledOnCancellation = true,
        });
        var authorization = $"Bearer {options.ApiKey}";
        CallInvoker = _channel.Intercept(metadata =>
        {
            metadata.Add("authorization", authorization);
            return metadata;
        });
        Retries = CreateRetryPipeline(options, logger);
    }

    public CallInvoker CallInvoker { get; }

    public ILogger Logger { get; }

    /// <summary>Retries transient failures of calls that are safe to repeat; the operation key names the call.</summary>
    public ResiliencePipeline Retries { get; }

    public Uri Address => _options.Address;

    public int UploadChunkSize => _options.UploadChunkSize;

    public TimeSpan RetryDelay => _options.RetryDelay;

    /// <summary>Returns the options of one attempt of a unary call.</summary>
    public CallOptions UnaryOptions(CancellationToken cancellationToken) =>
        new(deadline: Deadline(_options.RequestTimeout), cancellationToken: cancellationToken);

    /// <summary>Returns the options of one streaming call.</summary>
    public CallOptions StreamOptions(CancellationToken cancellationToken) =>
        new(deadline: Deadline(_options.StreamTimeout), cancellationToken: cancellationToken);

    /// <summary>Makes a unary call once, for calls that are not safe to repeat.</summary>
    public async Task<TResponse> CallOnceAsync<TResponse>(
        Func<CallOptions, AsyncUnaryCall<TResponse>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call(UnaryOptions(cancellationToken)).ResponseAsync.ConfigureAwait(false);
        }
        catch (RpcException exception)
        {
            throw Translate(exception);
        }
    }

    /// <summary>Makes a unary call that is safe to repeat, retrying transient failures.</summary>
    public Task<TResponse> CallWithRetriesAsync<TResponse>(
        string method, Func<CallOptions, AsyncUnaryCall<TResponse>> call, CancellationToken cancellationToken) =>
        ExecuteWithRetriesAsync(method,
            async token => await call(UnaryOptions(token)).ResponseAsync.ConfigureAwait(false), cancellationToken);

    /// <summary>Runs <paramref name="attempt"/> once, for calls that are not safe to repeat, translating a failure.</summary>
    public async Task<TResult> ExecuteOnceAsync<TResult>(
        Func<CancellationToken, Task<TResult>> attempt, CancellationToken cancellationToken)
    {
        try
        {
            return await attempt(cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException exception)
        {
            throw Translate(exception);
        }
    }

    /// <summary>Runs <paramref name="attempt"/> until it succeeds or fails for good, translating the last failure.</summary>
    public async Task<TResult> ExecuteWithRetriesAsync<TResult>(
        string method, Func<CancellationToken, Task<TResult>> attempt, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(method, cancellationToken);
        try
        {
            return await Retries.ExecuteAsync(
                static async (context, attempt) => await attempt(context.CancellationToken).ConfigureAwait(false),
                context, attempt).ConfigureAwait(false);
        }
        catch (RpcException exception)
        {
            throw Translate(exception);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    public VoiceHelperException Translate(RpcException exception) => RpcErrors.Translate(exception, _options.Address);

    public void Dispose()
    {
        _channel.Dispose();
        _trust?.Dispose();
    }

    private static DateTime? Deadline(TimeSpan timeout) =>
        timeout == Timeout.InfiniteTimeSpan ? null : DateTime.UtcNow + timeout;

    private static SocketsHttpHandler CreateHandler(VoiceHelperClientOptions options, CertificateTrust? trust)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = options.ConnectTimeout,
            EnableMultipleHttp2Connections = true,
            // Pings find a connection that died silently, so a long answer stream fails and resumes instead of hanging.
            KeepAlivePingDelay = TimeSpan.FromSeconds(30),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(15),
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
        };
        if (trust is not null)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = trust.Validate;
        }

        return handler;
    }

    private static ResiliencePipeline CreateRetryPipeline(VoiceHelperClientOptions options, ILogger logger)
    {
        if (options.MaxRetryAttempts == 0)
        {
            return ResiliencePipeline.Empty;
        }

        return new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<RpcException>(RpcErrors.IsTransient),
                MaxRetryAttempts = options.MaxRetryAttempts,
                Delay = options.RetryDelay,
                MaxDelay = TimeSpan.FromSeconds(10),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                OnRetry = arguments =>
                {
                    if (arguments.Outcome.Exception is RpcException failure)
                    {
                        ClientLog.CallRetrying(logger, arguments.Context.OperationKey ?? "unknown", failure.StatusCode,
                            RpcErrors.ErrorCode(failure), arguments.AttemptNumber + 1, arguments.RetryDelay, failure);
                    }

                    return default;
                },
            })
            .Build();
    }
}
