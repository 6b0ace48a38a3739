using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using VoiceHelper.Gateway.Auth;
using VoiceHelper.Gateway.Errors;
using VoiceHelper.Gateway.Json;
using VoiceHelper.Gateway.Knowledge;
using VoiceHelper.Gateway.Logging;
using V1 = VoiceHelper.Api.V1;

namespace VoiceHelper.Gateway.Keys;

/// <summary>
/// The gRPC service <c>voicehelper.v1.KeyService</c>: the key endpoints of <see cref="KeyEndpoints"/> with the same
/// checks, for administrator keys only (the mapping in <c>Program.cs</c> requires the administrator policy).
/// </summary>
public sealed class KeyRpcService(ApiKeyStore store, ILogger<KeyRpcService> logger) : V1.KeyService.KeyServiceBase
{
    public override async Task<V1.ListApiKeysResponse> ListApiKeys(V1.ListApiKeysRequest request, ServerCallContext context)
    {
        var keys = await store.ListAsync(TenantOf(context), context.CancellationToken);

        var response = new V1.ListApiKeysResponse();
        response.ApiKeys.Add(keys.Select(ToMessage));
        return response;
    }

    public override async Task<V1.CreateApiKeyResponse> CreateApiKey(V1.CreateApiKeyRequest request, ServerCallContext context)
    {
        var name = TextFields.Require("name", request.Name, ApiKeyText.MaxNameLength).Trim();

        var (record, key) = await store.CreateAsync(TenantOf(context), name, request.Admin, context.CancellationToken);
        GatewayLog.ApiKeyCreated(logger, record.Id, record.TenantId, record.IsAdmin);
        return new V1.CreateApiKeyResponse { ApiKey = ToMessage(record), Key = key };
    }

    public override async Task<V1.RevokeApiKeyResponse> RevokeApiKey(V1.RevokeApiKeyRequest request, ServerCallContext context)
    {
        var keyId = KnowledgeChecks.ParseId("key_id", request.KeyId);

        var revoked = await store.RevokeAsync(TenantOf(context), keyId, context.CancellationToken)
            ?? throw new ApiProblemException(StatusCodes.Status404NotFound, ProblemCodes.ApiKeyNotFound,
                $"API key '{keyId}' was not found. List the keys with KeyService.ListApiKeys.");
        GatewayLog.ApiKeyRevoked(logger, revoked.Id, revoked.TenantId);
        return new V1.RevokeApiKeyResponse { ApiKey = ToMessage(revoked) };
    }

    private static V1.ApiKey ToMessage(ApiKeyRecord record)
    {
        var message = new V1.ApiKey
        {
            Id = record.Id.ToString(),
            Name = record.Name,
            Prefix = record.Prefix,
            Admin = record.IsAdmin,
            CreateTime = Timestamp.FromDateTimeOffset(record.CreatedAt),
        };
        if (record.RevokedAt is { } revokedAt)
        {
            message.RevokeTime = Timestamp.FromDateTimeOffset(revokedAt);
        }

        return message;
    }

    private static Guid TenantOf(ServerCallContext context) => context.GetHttpContext().User.GetTenantId();
}
