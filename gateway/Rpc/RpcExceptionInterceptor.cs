using Grpc.Core;
using Grpc.Core.Interceptors;
using VoiceHelper.Gateway.Errors;
using VoiceHelper.Gateway.Logging;

namespace VoiceHelper.Gateway.Rpc;

/// <summary>
/// Ends gRPC calls that throw with the status that <see cref="FailureClassifier"/> and <see cref="RpcFailures"/>
/// choose, so gRPC and REST report a failure with the same stable code. Server errors are logged with the call's
/// trace id. A call that the client cancelled, or whose deadline passed, keeps the status that gRPC gives it, and one
/// whose client reset the stream ends as cancelled.
/// </summary>
public sealed class RpcExceptionInterceptor(ILogger<RpcExceptionInterceptor> logger) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (Exception exception) when (IsTranslatable(exception, context))
        {
            throw Translate(exception, context);
        }
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context,
        ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(requestStream, context);
        }
        catch (Exception exception) when (IsTranslatable(exception, context))
        {
            throw Translate(exception, context);
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (Exception exception) when (IsTranslatable(exception, context))
        {
            throw Translate(exception, context);
        }
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(requestStream, responseStream, context);
        }
        catch (Exception exception) when (IsTranslatable(exception, context))
        {
            throw Translate(exception, context);
        }
    }

    private static bool IsTranslatable(Exception exception, ServerCallContext context) =>
        exception is not RpcException
        && !(exception is OperationCanceledException && context.CancellationToken.IsCancellationRequested);

    private RpcException Translate(Exception exception, ServerCallContext context)
    {
        // A client that resets its stream, such as one stopped with Ctrl+C, breaks the request stream's reads with an
        // IOException. That is the client's choice, not a server error, so it is neither logged nor counted as one.
        if (exception is IOException && context.CancellationToken.IsCancellationRequested)
        {
            return new RpcException(new Status(StatusCode.Cancelled, "The client cancelled the call."));
        }

        var failure = FailureClassifier.Classify(exception);
        var traceId = context.GetHttpContext().TraceIdentifier;
        if (failure.Status >= StatusCodes.Status500InternalServerError)
        {
            GatewayLog.RpcFailed(logger, context.Method, RpcFailures.ToStatusCode(failure), traceId, exception);
        }

        return RpcFailures.ToRpcException(failure, traceId);
    }
}
