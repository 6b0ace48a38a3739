using Grpc.Core;
using Grpc.Core.Interceptors;
using VoiceHelper.Gateway.Hosting;

namespace VoiceHelper.Gateway.Rpc;

/// <summary>
/// Fails calls of services that call grains with UNAVAILABLE (<c>cluster_unavailable</c>) before the service runs
/// while the Orleans client has not connected, as REST endpoints do with <c>RequireClusterConnection</c>.
/// </summary>
public sealed class ClusterConnectionInterceptor(ClusterClientReadiness readiness) : Interceptor
{
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        readiness.ThrowIfNotConnected();
        return continuation(request, context);
    }

    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context,
        ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        readiness.ThrowIfNotConnected();
        return continuation(requestStream, context);
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        readiness.ThrowIfNotConnected();
        return continuation(request, responseStream, context);
    }

    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        readiness.ThrowIfNotConnected();
        return continuation(requestStream, responseStream, context);
    }
}
