namespace VoiceHelper.Gateway.Errors;

/// <summary>Problem details for the bodiless 404 and 405 answers of routing.</summary>
public static class StatusCodeProblems
{
    /// <summary>Writes a problem for the response's status code, saying which path or methods would work.</summary>
    public static Task WriteAsync(HttpContext context)
    {
        var request = context.Request;
        var status = context.Response.StatusCode;
        if (status == StatusCodes.Status405MethodNotAllowed)
        {
            var allowed = context.Response.Headers.Allow.ToString();
            return ProblemWriter.WriteAsync(context, status, ProblemCodes.MethodNotAllowed,
                $"{request.Method} is not allowed on {request.Path}. Allowed methods: {allowed}.");
        }

        var code = status == StatusCodes.Status404NotFound ? ProblemCodes.NotFound : ProblemCodes.BadRequest;
        return ProblemWriter.WriteAsync(context, status, code,
            $"No endpoint serves {request.Method} {request.Path}. The API is under /api/v1; see the README for its routes.");
    }
}
