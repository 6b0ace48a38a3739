using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using VoiceHelper.Gateway.Errors;
using VoiceHelper.Gateway.Logging;
using VoiceHelper.Gateway.OpenAI;
using VoiceHelper.Gateway.Realtime;

namespace VoiceHelper.Gateway.Auth;

/// <summary>
/// Authenticates <c>Authorization: Bearer KEY</c>. The dashboard, which browsers open directly, also takes
/// HTTP Basic with the key as the password, because a browser can prompt for that but cannot send a bearer token.
/// gRPC calls send the same header as the metadata entry <c>authorization</c>, and get their 401 and 403 failures
/// as gRPC statuses (UNAUTHENTICATED, PERMISSION_DENIED) with the same codes. OpenAI-compatible requests under
/// <c>/v1</c> get them in OpenAI's error shape. Browsers, which cannot set headers on a WebSocket, may send the key
/// to <c>/v1/realtime</c> as the <c>Sec-WebSocket-Protocol</c> value <c>openai-insecure-api-key.KEY</c>.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    ApiKeyStore store)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    /// <summary>The path under which Basic credentials are accepted and prompted for.</summary>
    public const string DashboardPath = "/dashboard";

    private const string FailureCodeKey = "voicehelper:problem_code";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var key = Request.Headers.Authorization.Count == 0 ? RealtimeProtocol.FindApiKey(Request) : ReadKey();
        if (Request.Headers.Authorization.Count == 0 && key is null)
        {
            return AuthenticateResult.NoResult();
        }

        if (key is null)
        {
            Context.Items[FailureCodeKey] = ProblemCodes.InvalidApiKey;
            return AuthenticateResult.Fail("The Authorization header is malformed or uses an unsupported scheme.");
        }

        var record = ApiKeyText.HasValidShape(key)
            ? await store.FindByHashAsync(ApiKeyText.Hash(key), Context.RequestAborted)
            : null;
        if (record is null || record.RevokedAt is not null)
        {
            var reason = record is null ? "unknown key" : "revoked key";
            GatewayLog.ApiKeyRejected(Logger, ApiKeyText.DisplayPrefix(key), reason);
            Context.Items[FailureCodeKey] = ProblemCodes.InvalidApiKey;
            return AuthenticateResult.Fail($"The API key is invalid: {reason}.");
        }

        return AuthenticateResult.Success(new AuthenticationTicket(CreatePrincipal(record), Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var invalid = Context.Items.ContainsKey(FailureCodeKey);
        if (RpcErrorWriter.IsGrpcRequest(Request))
        {
            await RpcErrorWriter.WriteAsync(Context, RpcChallenge(invalid));
            return;
        }

        Response.Headers.WWWAuthenticate = IsDashboard()
            ? "Basic realm=\"VoiceHelper dashboard\", charset=\"UTF-8\""
            : invalid ? "Bearer error=\"invalid_token\"" : "Bearer";

        var expected = IsDashboard()
            ? "'Authorization: Bearer <key>', or Basic credentials with the key as the password"
            : "'Authorization: Bearer <key>'";
        var (code, detail) = invalid
            ? (ProblemCodes.InvalidApiKey,
                $"The API key is unknown, revoked or not sent as {expected}. " +
                "Create a key with POST /api/v1/keys or ask an administrator.")
            : (ProblemCodes.MissingApiKey, $"The request has no API key. Send {expected}.");
        await WriteFailureAsync(new ApiFailure(StatusCodes.Status401Unauthorized, code, detail));
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        const string Detail = "This API key may not do this. Use an administrator key.";
        var failure = new ApiFailure(StatusCodes.Status403Forbidden, ProblemCodes.Forbidden, Detail);
        return RpcErrorWriter.IsGrpcRequest(Request) ? RpcErrorWriter.WriteAsync(Context, failure) : WriteFailureAsync(failure);
    }

    private Task WriteFailureAsync(ApiFailure failure) => OpenAIErrors.IsOpenAIRequest(Request)
        ? OpenAIErrors.WriteAsync(Context, failure)
        : ProblemWriter.WriteAsync(Context, failure.Status, failure.Code, failure.Detail);

    // gRPC clients send the key as call metadata, so the message names metadata rather than a header.
    private static ApiFailure RpcChallenge(bool invalid) => invalid
        ? new(StatusCodes.Status401Unauthorized, ProblemCodes.InvalidApiKey,
            "The API key is unknown, revoked or not sent as the metadata 'authorization: Bearer <key>'. " +
            "Create a key with POST /api/v1/keys or ask an administrator.")
        : new(StatusCodes.Status401Unauthorized, ProblemCodes.MissingApiKey,
            "The call has no API key. Send the metadata 'authorization: Bearer <key>'.");

    private string? ReadKey()
    {
        if (Request.Headers.Authorization.Count != 1
            || !AuthenticationHeaderValue.TryParse(Request.Headers.Authorization, out var header)
            || string.IsNullOrWhiteSpace(header.Parameter))
        {
            return null;
        }

        if (header.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
        {
            return header.Parameter.Trim();
        }

        return header.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase) && IsDashboard()
            ? ReadBasicPassword(header.Parameter)
            : null;
    }

    private bool IsDashboard() => Request.Path.StartsWithSegments(DashboardPath);

    private static string? ReadBasicPassword(string parameter)
    {
        Span<byte> buffer = stackalloc byte[Math.Min(parameter.Length, 1024)];
        if (!Convert.TryFromBase64String(parameter, buffer, out var written))
        {
            return null;
        }

        var credentials = Encoding.UTF8.GetString(buffer[..written]);
        var separator = credentials.IndexOf(':', StringComparison.Ordinal);
        return separator < 0 ? null : credentials[(separator + 1)..];
    }

    private ClaimsPrincipal CreatePrincipal(ApiKeyRecord record)
    {
        var claims = new List<Claim>
        {
            new(ApiKeyDefaults.TenantIdClaim, record.TenantId.ToString()),
            new(ApiKeyDefaults.KeyIdClaim, record.Id.ToString()),
            new(ClaimTypes.Name, record.Name),
        };
        if (record.IsAdmin)
        {
            claims.Add(new Claim(ClaimTypes.Role, ApiKeyDefaults.AdminRole));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme.Name));
    }
}
