using System.Security.Claims;

namespace VoiceHelper.Gateway.Auth;

/// <summary>Reads the authenticated caller's tenant and key from the claims that the API key handler sets.</summary>
public static class CallerExtensions
{
    public static Guid GetTenantId(this ClaimsPrincipal user) => ReadGuid(user, ApiKeyDefaults.TenantIdClaim);

    public static Guid GetKeyId(this ClaimsPrincipal user) => ReadGuid(user, ApiKeyDefaults.KeyIdClaim);

    private static Guid ReadGuid(ClaimsPrincipal user, string claimType) =>
        Guid.TryParse(user.FindFirstValue(claimType), out var value)
            ? value
            : throw new InvalidOperationException(
                $"The request has no '{claimType}' claim; the endpoint must require authorization.");
}
