using VoiceHelper.Client.Internal;
using V1 = VoiceHelper.Api.V1;

namespace VoiceHelper.Client;

/// <summary>
/// The API keys of the caller's tenant: the calls of <c>voicehelper.v1.KeyService</c>, which need an administrator
/// key and otherwise fail with <see cref="VoiceHelperPermissionException"/>. Listing and revoking are retried on
/// transient failures; creating is not.
/// </summary>
public sealed class KeyClient
{
    private readonly RpcInvoker _invoker;
    private readonly V1.KeyService.KeyServiceClient _service;

    internal KeyClient(RpcInvoker invoker)
    {
        _invoker = invoker;
        _service = new V1.KeyService.KeyServiceClient(invoker.CallInvoker);
    }

    /// <summary>Lists the tenant's keys, oldest first, without their secrets.</summary>
    public async Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken cancellationToken = default)
    {
        var response = await _invoker.CallWithRetriesAsync(nameof(ListAsync),
            options => _service.ListApiKeysAsync(new V1.ListApiKeysRequest(), options), cancellationToken).ConfigureAwait(false);
        return response.ApiKeys.Select(Conversions.ToModel).ToList();
    }

    /// <summary>Creates a key and returns it with its text, which the service returns only this once.</summary>
    /// <param name="name">1 to 100 characters that say what the key is for.</param>
    /// <param name="admin">Whether the key may manage keys and open the dashboard.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<CreatedApiKey> CreateAsync(string name, bool admin = false, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);

        var request = new V1.CreateApiKeyRequest { Name = name, Admin = admin };
        var response = await _invoker.CallOnceAsync(
            options => _service.CreateApiKeyAsync(request, options), cancellationToken).ConfigureAwait(false);
        return new CreatedApiKey(response.ApiKey.ToModel(), response.Key);
    }

    /// <summary>
    /// Revokes a key: the gateway rejects it from the next call on. Revoking a revoked key keeps its first revocation
    /// time, so the call is safe to repeat.
    /// </summary>
    /// <returns>The key with its revocation time.</returns>
    /// <exception cref="VoiceHelperNotFoundException">The tenant has no such key (<c>api_key_not_found</c>).</exception>
    public async Task<ApiKey> RevokeAsync(Guid keyId, CancellationToken cancellationToken = default)
    {
        var request = new V1.RevokeApiKeyRequest { KeyId = keyId.ToString() };
        var response = await _invoker.CallWithRetriesAsync(nameof(RevokeAsync),
            options => _service.RevokeApiKeyAsync(request, options), cancellationToken).ConfigureAwait(false);
        return response.ApiKey.ToModel();
    }
}
