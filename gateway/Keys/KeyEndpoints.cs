using System.Security.Claims;
using VoiceHelper.Gateway.Auth;
using VoiceHelper.Gateway.Errors;
using VoiceHelper.Gateway.Json;
using VoiceHelper.Gateway.Logging;

namespace VoiceHelper.Gateway.Keys;

/// <summary>
/// REST endpoints under <c>/api/v1/keys</c> that list, create and revoke the caller's tenant's API keys.
/// They need an administrator key, because any key that could revoke others could lock the tenant out.
/// </summary>
public static class KeyEndpoints
{
    private const string CreateExample = """{ "name": "web frontend" }""";

    public static IEndpointRouteBuilder MapKeyEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/keys").RequireAuthorization(ApiKeyDefaults.AdminPolicy);
        group.MapGet("/", ListAsync);
        group.MapPost("/", CreateAsync);
        group.MapDelete("/{id}", RevokeAsync);
        return endpoints;
    }

    private static async Task<IResult> ListAsync(ClaimsPrincipal user, ApiKeyStore store, CancellationToken cancellationToken)
    {
        var keys = await store.ListAsync(user.GetTenantId(), cancellationToken);
        return TypedResults.Ok(new { keys = keys.Select(ApiKeyResponse.From) });
    }

    private static async Task<IResult> CreateAsync(
        HttpRequest request, ClaimsPrincipal user, ApiKeyStore store, ILogger<ApiKeyStore> logger,
        CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadAsync<CreateApiKeyRequest>(request, CreateExample);
        var name = TextFields.Require("name", body.Name, ApiKeyText.MaxNameLength, CreateExample).Trim();

        var (record, key) = await store.CreateAsync(user.GetTenantId(), name, body.Admin ?? false, cancellationToken);
        GatewayLog.ApiKeyCreated(logger, record.Id, record.TenantId, record.IsAdmin);
        return TypedResults.Json(
            new CreatedApiKeyResponse(ApiKeyResponse.From(record), key), statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> RevokeAsync(
        string id, ClaimsPrincipal user, ApiKeyStore store, ILogger<ApiKeyStore> logger, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var keyId))
        {
            throw ApiProblemException.InvalidField("id", $"Key id '{id}' is not a UUID. List the keys with GET /api/v1/keys.");
        }

        var revoked = await store.RevokeAsync(user.GetTenantId(), keyId, cancellationToken)
            ?? throw new ApiProblemException(StatusCodes.Status404NotFound, ProblemCodes.ApiKeyNotFound,
                $"API key '{keyId}' was not found. List the keys with GET /api/v1/keys.");
        GatewayLog.ApiKeyRevoked(logger, revoked.Id, revoked.TenantId);
        return TypedResults.NoContent();
    }
}
