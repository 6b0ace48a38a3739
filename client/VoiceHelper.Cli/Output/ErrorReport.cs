using Grpc.Core;
using VoiceHelper.Client;

namespace VoiceHelper.Cli.Output;

/// <summary>
/// Turns a failure into the exit code of its kind and one report on standard error: <c>vh: CODE: message</c>, or with
/// <c>--json</c> an object <c>{"error": {"code", "message", "exit_code"}}</c>.
/// </summary>
internal static class ErrorReport
{
    public static int Write(Exception exception, TextWriter error, bool json)
    {
        var (exitCode, code) = Classify(exception);
        var message = exception is OperationCanceledException ? "Stopped by Ctrl+C." : exception.Message;
        if (exception is VoiceHelperException { FieldViolations.Count: > 0 } failure)
        {
            message += " Invalid: " + string.Join("; ", failure.FieldViolations.Select(v => $"{v.Field}: {v.Description}"));
        }

        if (exception is VoiceHelperException { TraceId: { } traceId, StatusCode: StatusCode.Internal })
        {
            message += $" (trace id {traceId})";
        }

        if (json)
        {
            JsonOutput.WriteLine(error, new { Error = new { Code = code, Message = message, ExitCode = exitCode } });
        }
        else
        {
            error.WriteLine($"vh: {code}: {message}");
        }

        return exitCode;
    }

    /// <summary>Returns the exit code and the stable code of a failure.</summary>
    public static (int ExitCode, string Code) Classify(Exception exception) => exception switch
    {
        CommandFailedException failed => (failed.ExitCode, failed.Code),
        VoiceHelperAuthenticationException failure => (ExitCodes.AuthenticationFailed, failure.ErrorCode ?? "authentication_failed"),
        VoiceHelperPermissionException failure => (ExitCodes.PermissionDenied, failure.ErrorCode ?? ErrorCodes.Forbidden),
        VoiceHelperNotFoundException failure => (ExitCodes.NotFound, failure.ErrorCode ?? "not_found"),
        VoiceHelperValidationException or VoiceHelperConflictException =>
            (ExitCodes.Rejected, ((VoiceHelperException)exception).ErrorCode ?? "rejected"),
        VoiceHelperUnavailableException failure => (ExitCodes.Unavailable, failure.ErrorCode ?? "connection_failed"),
        VoiceHelperTimeoutException failure => (ExitCodes.TimedOut, failure.ErrorCode ?? ErrorCodes.Timeout),
        VoiceHelperException failure => (ExitCodes.Failure, failure.ErrorCode ?? "call_failed"),
        OperationCanceledException => (ExitCodes.Interrupted, "interrupted"),
        _ => (ExitCodes.Failure, "failed"),
    };
}
