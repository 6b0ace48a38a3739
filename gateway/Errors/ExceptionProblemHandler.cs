using Microsoft.AspNetCore.Diagnostics;
using VoiceHelper.Gateway.Logging;
using VoiceHelper.Gateway.OpenAI;

namespace VoiceHelper.Gateway.Errors;

/// <summary>
/// Writes the exceptions of REST requests as problem details, classified by <see cref="FailureClassifier"/>, and
/// those of the OpenAI-compatible API in OpenAI's error shape.
/// Server errors are logged with the request's trace id.
/// </summary>
public sealed class ExceptionProblemHandler(ILogger<ExceptionProblemHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(
        HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var failure = FailureClassifier.Classify(exception);
        if (failure.Status >= StatusCodes.Status500InternalServerError)
        {
            GatewayLog.RequestFailed(logger, httpContext.Request.Method, httpContext.Request.Path, failure.Status, exception);
        }

        if (failure.RetryAfter is { } retryAfter)
        {
            httpContext.Response.Headers.RetryAfter = RetryAfterHeader.Seconds(retryAfter);
        }

        if (OpenAIErrors.IsOpenAIRequest(httpContext.Request))
        {
            await OpenAIErrors.WriteAsync(httpContext, failure);
            return true;
        }

        await ProblemWriter.WriteAsync(httpContext, failure.Status, failure.Code, failure.Detail, failure.Errors);
        return true;
    }
}
