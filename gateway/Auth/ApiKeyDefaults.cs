namespace VoiceHelper.Gateway.Auth;

/// <summary>Names used by API key authentication and authorization.</summary>
public static class ApiKeyDefaults
{
    public const string Scheme = "ApiKey";
    public const string TenantIdClaim = "voicehelper:tenant_id";
    public const string KeyIdClaim = "voicehelper:key_id";
    public const string AdminRole = "admin";
    public const string AdminPolicy = "admin";
}
