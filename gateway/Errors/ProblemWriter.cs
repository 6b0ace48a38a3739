using Microsoft.AspNetCore.Mvc;

namespace VoiceHelper.Gateway.Errors;

/// <summary>Writes RFC 9457 problem details with the gateway's <c>code</c> extension.</summary>
public static class ProblemWriter
{
    private const string ProblemContentType = "application/problem+json";

    /// <summary>Writes the problem to the response through the registered problem details service.</summary>
    public static async Task WriteAsync(
        HttpContext context, int status, string code, string detail, IReadOnlyDictionary<string, string[]>? errors = null)
    {
        var problem = new ProblemDetails
        {
            Status = status,
            Title = ReasonPhrase(status),
            Detail = detail,
        };
        problem.Extensions["code"] = code;
        if (errors is not null)
        {
            problem.Extensions["errors"] = errors;
        }

        context.Response.StatusCode = status;
        var service = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        if (!await service.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem }))
        {
            // ASP.NET Core's writer follows the Accept header and writes nothing for a client that accepts neither
            // JSON nor problem+json, such as an EventSource. Every error of the API is problem details anyway.
            problem.Extensions.TryAdd("trace_id", context.TraceIdentifier);
            await context.Response.WriteAsJsonAsync(problem, options: null, contentType: ProblemContentType);
        }
    }

    private static string ReasonPhrase(int status) =>
        Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase
            ? phrase
            : "Error";
}
