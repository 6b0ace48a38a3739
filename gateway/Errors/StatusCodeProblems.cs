using VoiceHelper.Gateway.OpenAI;

namespace VoiceHelper.Gateway.Errors;

/// <summary>
/// Problem details for the bodiless 404 and 405 answers of routing, in OpenAI's error shape under <c>/v1</c>.
/// </summary>
public static class StatusCodeProblems
{
    /// <summary>Writes a problem for the response's status code, saying which path or methods would work.</summary>
    public static Task WriteAsync(HttpContext context)
    {
        var failure = Describe(context);
        return OpenAIErrors.IsOpenAIRequest(context.Request)
            ? OpenAIErrors.WriteAsync(context, failure)
            : ProblemWriter.WriteAsync(context, failure.Status, failure.Code, failure.Detail);
    }

    private static ApiFailure Describe(HttpContext context)
    {
        var request = context.Request;
        var status = context.Response.StatusCode;
        if (status == StatusCodes.Status405MethodNotAllowed)
        {
            var allowed = context.Response.Headers.Allow.ToString();
            return new(status, ProblemCodes.MethodNotAllowed,
                $"{request.Method} is not allowed on {request.Path}. Allowed methods: {allowed}.");
        }

        var code = status == StatusCodes.Status404NotFound ? ProblemCodes.NotFound : ProblemCodes.BadRequest;
        var routes = OpenAIErrors.IsOpenAIRequest(request)
            ? "The OpenAI-compatible API serves POST /v1/chat/completions, GET /v1/models and GET /v1/models/{model}."
            : "The API is under /api/v1; see the README for its routes.";
        return new(status, code, $"No endpoint serves {request.Method} {request.Path}. {routes}");
    }
}
