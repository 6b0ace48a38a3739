using Grpc.Core;
using Microsoft.Extensions.Logging.Abstractions;
using VoiceHelper.Gateway.Rpc;

namespace VoiceHelper.Tests.Errors;

[Trait("Category", "Unit")]
public sealed class RpcExceptionInterceptorTests
{
    [Fact]
    public async Task Duplex_ClientResetStream_EndsCancelled()
    {
        using var aborted = new CancellationTokenSource();
        await aborted.CancelAsync();
        var interceptor = new RpcExceptionInterceptor(NullLogger<RpcExceptionInterceptor>.Instance);

        var exception = await Assert.ThrowsAsync<RpcException>(() => interceptor.DuplexStreamingServerHandler<string, string>(
            null!, null!, new CallContext(aborted.Token),
            (_, _, _) => throw new IOException("The client reset the request stream.")));

        Assert.Equal(StatusCode.Cancelled, exception.StatusCode);
    }

    // Only the cancellation token matters to the case above; the rest is never read.
    private sealed class CallContext(CancellationToken cancellationToken) : ServerCallContext
    {
        protected override string MethodCore => "/voicehelper.v1.VoiceService/Converse";
        protected override string HostCore => "127.0.0.1";
        protected override string PeerCore => "ipv4:127.0.0.1:50000";
        protected override DateTime DeadlineCore => DateTime.MaxValue;
        protected override Metadata RequestHeadersCore => [];
        protected override CancellationToken CancellationTokenCore => cancellationToken;
        protected override Metadata ResponseTrailersCore => [];
        protected override Status StatusCore { get; set; }
        protected override WriteOptions? WriteOptionsCore { get; set; }
        protected override AuthContext AuthContextCore => new(null, []);

        protected override ContextPropagationToken CreatePropagationTokenCore(ContextPropagationOptions? options) =>
            throw new NotSupportedException();

        protected override Task WriteResponseHeadersAsyncCore(Metadata responseHeaders) => Task.CompletedTask;
    }
}
