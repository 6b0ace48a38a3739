using Google.Protobuf;
using Google.Rpc;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using VoiceHelper.Api.V1;

namespace VoiceHelper.Integration.Tests.Infrastructure;

/// <summary>The gRPC calls that several tests make, with a deadline on every call.</summary>
public static class RpcCalls
{
    public static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);

    /// <summary>How long an Ingest call that waits for indexing may take, slow CI machines included.</summary>
    public static readonly TimeSpan IngestTimeout = TimeSpan.FromSeconds(180);

    /// <summary>Returns call options whose deadline is <paramref name="timeout"/> (default 30 s) from now.</summary>
    public static CallOptions Deadline(TimeSpan? timeout = null) => new(deadline: DateTime.UtcNow + (timeout ?? CallTimeout));

    /// <summary>Returns a knowledge client on <paramref name="channel"/> that sends the API key, if given, as metadata.</summary>
    public static KnowledgeService.KnowledgeServiceClient CreateKnowledgeClient(GrpcChannel channel, string? apiKey) =>
        new(WithApiKey(channel, apiKey));

    /// <summary>Returns a conversation client on <paramref name="channel"/> that sends the API key, if given, as metadata.</summary>
    public static ConversationService.ConversationServiceClient CreateConversationClient(GrpcChannel channel, string? apiKey) =>
        new(WithApiKey(channel, apiKey));

    /// <summary>Returns a voice client on <paramref name="channel"/> that sends the API key, if given, as metadata.</summary>
    public static VoiceService.VoiceServiceClient CreateVoiceClient(GrpcChannel channel, string? apiKey) =>
        new(WithApiKey(channel, apiKey));

    public static async Task<string> CreateKnowledgeBaseAsync(KnowledgeService.KnowledgeServiceClient client)
    {
        var created = await client.CreateKnowledgeBaseAsync(
            new CreateKnowledgeBaseRequest { Name = $"kb-{Guid.NewGuid():N}" }, Deadline());
        return created.Id;
    }

    /// <summary>Ingests a file in 64 KiB chunks and returns every response of the call.</summary>
    public static async Task<IReadOnlyList<IngestResponse>> IngestAsync(
        KnowledgeService.KnowledgeServiceClient client, string knowledgeBaseId, string path, bool wait)
    {
        using var call = client.Ingest(Deadline(IngestTimeout));
        var metadata = new IngestMetadata { KnowledgeBaseId = knowledgeBaseId, FileName = Path.GetFileName(path), Wait = wait };
        await call.RequestStream.WriteAsync(new IngestRequest { Metadata = metadata });
        foreach (var chunk in File.ReadAllBytes(path).Chunk(64 * 1024))
        {
            await call.RequestStream.WriteAsync(new IngestRequest { Chunk = ByteString.CopyFrom(chunk) });
        }

        await call.RequestStream.CompleteAsync();
        var responses = new List<IngestResponse>();
        await foreach (var response in call.ResponseStream.ReadAllAsync())
        {
            responses.Add(response);
        }

        return responses;
    }

    /// <summary>Reads a server-streaming call to its end, within the call's deadline, and returns every message.</summary>
    public static async Task<IReadOnlyList<TResponse>> ReadAllAsync<TResponse>(AsyncServerStreamingCall<TResponse> call)
    {
        var responses = new List<TResponse>();
        await foreach (var response in call.ResponseStream.ReadAllAsync())
        {
            responses.Add(response);
        }

        return responses;
    }

    /// <summary>Returns the stable error code that the gateway puts in the trailer <c>voicehelper-error-code</c>.</summary>
    public static string? ErrorCode(RpcException exception) => exception.Trailers.GetValue("voicehelper-error-code");

    /// <summary>Returns the fields that the rich status's <c>google.rpc.BadRequest</c> detail names.</summary>
    public static IReadOnlyList<string> InvalidFields(RpcException exception) =>
        exception.GetRpcStatus()?.GetDetail<BadRequest>()?.FieldViolations.Select(violation => violation.Field).ToList()
            ?? [];

    /// <summary>Returns the reason of the rich status's <c>google.rpc.ErrorInfo</c> detail.</summary>
    public static string? ErrorInfoReason(RpcException exception) =>
        exception.GetRpcStatus()?.GetDetail<ErrorInfo>()?.Reason;

    private static CallInvoker WithApiKey(GrpcChannel channel, string? apiKey) =>
        apiKey is null
            ? channel.CreateCallInvoker()
            : channel.Intercept(metadata =>
            {
                metadata.Add("authorization", $"Bearer {apiKey}");
                return metadata;
            });
}
