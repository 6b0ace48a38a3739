using Grpc.Core;
using VoiceHelper.Client;

namespace VoiceHelper.Cli.Output;

/// <summary>
/// Turns a failure into the exit code of its kind and one report on standard error: <c>vh: CODE: message</c>, or with
/// <c>--json</c> an object <c>{"error": {"code", "message", "exit_code"}}</c>.
/// </summary>
internal static class ErrorReport
{
    /// <summary>The code of a failure that vh does not expect, such as a bug in vh; the message names the .NET exception.</summary>
    public const string UnexpectedCode = "unexpected_error";

    public static int Write(Exception exception, TextWriter error, bool json)
    {
        var (exitCode, code) = Classify(exception);
        var message = Describe(exception);

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

    /// <summary>Returns the message of a failure as vh reports it, with vh commands in place of the gateway's API advice.</summary>
    public static string Describe(Exception exception)
    {
        switch (exception)
        {
            case OperationCanceledException:
                return "Stopped by Ctrl+C.";
            case VoiceHelperException failure:
                var message = ServerHints.Rewrite(failure.ErrorCode, failure.Message);
                // The gateway usually repeats a field's description in the message; add only the ones it left out.
                var missing = failure.FieldViolations
                    .Where(violation => !message.Contains(violation.Description, StringComparison.Ordinal))
                    .Select(violation => $"{violation.Field}: {violation.Description}")
                    .ToList();
                return missing.Count == 0 ? message : $"{message} Invalid: {string.Join("; ", missing)}";
            case ArgumentException argument when argument.ParamName is { } name:
                // The SDK checks some arguments before it calls the gateway; drop the parameter name that .NET appends.
                return argument.Message.Replace($" (Parameter '{name}')", string.Empty, StringComparison.Ordinal);
            case CommandFailedException or ArgumentException:
                return exception.Message;
            default:
                return $"{exception.GetType().Name}: {exception.Message}";
        }
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
        // The SDK rejects invalid arguments, such as a blank question, before it calls the gateway.
        ArgumentException => (ExitCodes.UsageError, "usage_error"),
        _ => (ExitCodes.Failure, UnexpectedCode),
    };
}
