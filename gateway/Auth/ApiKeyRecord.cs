namespace VoiceHelper.Gateway.Auth;

/// <summary>A stored API key without its secret.</summary>
public sealed record ApiKeyRecord(
    Guid Id,
    Guid TenantId,
    string Name,
    string Prefix,
    bool IsAdmin,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RevokedAt);
