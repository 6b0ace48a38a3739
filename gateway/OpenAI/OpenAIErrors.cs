using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using VoiceHelper.Gateway.Errors;

namespace VoiceHelper.Gateway.OpenAI;

/// <summary>
/// Writes failures of the OpenAI-compatible API under <c>/v1</c> in the error shape that OpenAI client libraries
/// read: <c>{ "error": { "message", "type", "param", "code" } }</c>. The <c>code</c> is the gateway's stable problem
/// code, <c>param</c> names the first invalid request field, and the <c>x-request-id</c> header carries the trace id
/// under which the gateway logs server errors.
/// </summary>
public static class OpenAIErrors
{
    /// <summary>The path prefix of the OpenAI-compatible API.</summary>
    public static readonly PathString PathPrefix = "/v1";

    /// <summary>Returns whether the request belongs to the OpenAI-compatible API, whose errors use OpenAI's shape.</summary>
    public static bool IsOpenAIRequest(HttpRequest request) => request.Path.StartsWithSegments(PathPrefix);

    /// <summary>Writes the failure as the response: its status, the <c>x-request-id</c> header and the error body.</summary>
    public static async Task WriteAsync(HttpContext context, ApiFailure failure)
    {
        var response = context.Response;
        response.StatusCode = failure.Status;
        response.Headers["x-request-id"] = context.TraceIdentifier;
        await response.WriteAsJsonAsync(ToBody(failure), SerializerOptions(context), context.RequestAborted);
    }

    /// <summary>Returns the error body of a failure, which streaming responses also send as an event.</summary>
    public static OpenAIErrorBody ToBody(ApiFailure failure) =>
        new(new OpenAIError(failure.Detail, TypeOf(failure.Status), failure.Errors?.Keys.FirstOrDefault(), failure.Code));

    /// <summary>
    /// Returns OpenAI's error type for a status: <c>invalid_request_error</c> for client errors, as OpenAI itself
    /// sends for a bad key or an unknown model, <c>rate_limit_error</c> for 429, and <c>server_error</c> for the rest.
    /// </summary>
    public static string TypeOf(int status) => status switch
    {
        StatusCodes.Status429TooManyRequests => "rate_limit_error",
        >= 400 and < 500 => "invalid_request_error",
        _ => "server_error",
    };

    private static JsonSerializerOptions SerializerOptions(HttpContext context) =>
        context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
}
