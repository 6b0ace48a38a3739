using VoiceHelper.Gateway.Auth;

namespace VoiceHelper.Gateway.Keys;

/// <summary>The body of <c>POST /api/v1/keys</c>.</summary>
public sealed record CreateApiKeyRequest(string? Name, bool? Admin);

/// <summary>An API key as the API shows it: never the secret, only its first characters.</summary>
public sealed record ApiKeyResponse(
    Guid Id, string Name, string Prefix, bool Admin, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt)
{
    public static ApiKeyResponse From(ApiKeyRecord record) =>
        new(record.Id, record.Name, record.Prefix, record.IsAdmin, record.CreatedAt, record.RevokedAt);
}

/// <summary>A new key with its text, which the service returns only in this response.</summary>
public sealed record CreatedApiKeyResponse(ApiKeyResponse ApiKey, string Key);
