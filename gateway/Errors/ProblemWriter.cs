using Microsoft.AspNetCore.Mvc;

namespace VoiceHelper.Gateway.Errors;

/// <summary>Writes RFC 9457 problem details with the gateway's <c>code</c> extension.</summary>
public static class ProblemWriter
{
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
        await service.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
    }

    private static string ReasonPhrase(int status) =>
        Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase
            ? phrase
            : "Error";
}
