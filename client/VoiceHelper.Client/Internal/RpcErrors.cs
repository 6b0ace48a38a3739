using System.Security.Authentication;
using Google.Rpc;
using Grpc.Core;

namespace VoiceHelper.Client.Internal;

/// <summary>Reads the gateway's error model from a failed call and turns it into the SDK's exceptions.</summary>
internal static class RpcErrors
{
    /// <summary>The trailer in which the gateway sends the stable error code.</summary>
    public const string ErrorCodeTrailer = "voicehelper-error-code";

    /// <summary>Returns the stable error code of a failed call, from the trailer or the rich status.</summary>
    public static string? ErrorCode(RpcException exception) =>
        exception.Trailers.GetValue(ErrorCodeTrailer) ?? RichStatus(exception)?.GetDetail<ErrorInfo>()?.Reason;

    /// <summary>
    /// Returns whether the failure is one that the same call may not meet again: a connection that failed or broke,
    /// an unavailable cluster or storage, a conflicting concurrent change, or a timeout inside the cluster. A
    /// rejected TLS certificate and the client's own deadline are not transient.
    /// </summary>
    public static bool IsTransient(RpcException exception) => exception.StatusCode switch
    {
        _ when IsConnectionFailure(exception) => !HasInner<AuthenticationException>(exception),
        StatusCode.Unavailable or StatusCode.Aborted => true,
        StatusCode.DeadlineExceeded => ErrorCode(exception) == ErrorCodes.Timeout,
        _ => false,
    };

    /// <summary>
    /// Returns whether a failed streaming call broke on the way rather than being rejected: a transient failure, or
    /// an INTERNAL status that the gateway did not send.
    /// </summary>
    public static bool IsBrokenStream(RpcException exception) =>
        IsTransient(exception) || (exception.StatusCode == StatusCode.Internal && ErrorCode(exception) is null);

    /// <summary>
    /// Returns whether the call failed in the client's connection to the gateway, before or without any answer from
    /// it. Grpc.Net.Client 2.85 reports a refused connection as UNAVAILABLE, but a failed TLS handshake as INTERNAL
    /// with the HTTP exception inside.
    /// </summary>
    public static bool IsConnectionFailure(RpcException exception) =>
        ErrorCode(exception) is null
        && (exception.StatusCode == StatusCode.Unavailable
            || (exception.StatusCode == StatusCode.Internal && (HasInner<HttpRequestException>(exception) || HasInner<IOException>(exception))));

    /// <summary>Returns the SDK exception for a failed call to <paramref name="address"/>.</summary>
    public static VoiceHelperException Translate(RpcException exception, Uri address)
    {
        var rich = RichStatus(exception);
        var code = ErrorCode(exception);
        var traceId = rich?.GetDetail<ErrorInfo>()?.Metadata.GetValueOrDefault("trace_id");
        var violations = rich?.GetDetail<BadRequest>()?.FieldViolations
            .Select(violation => new FieldViolation(violation.Field, violation.Description))
            .ToList() ?? [];
        var message = Describe(exception, code, address);
        var transient = IsTransient(exception);

        return exception.StatusCode switch
        {
            _ when IsConnectionFailure(exception) =>
                new VoiceHelperUnavailableException(message, exception.StatusCode, code, traceId, violations, transient, exception),
            StatusCode.Unauthenticated =>
                new VoiceHelperAuthenticationException(message, exception.StatusCode, code, traceId, violations, transient, exception),
            StatusCode.PermissionDenied =>
                new VoiceHelperPermissionException(message, exception.StatusCode, code, traceId, violations, transient, exception),
            StatusCode.NotFound =>
                new VoiceHelperNotFoundException(message, exception.StatusCode, code, traceId, violations, transient, exception),
            StatusCode.InvalidArgument =>
                new VoiceHelperValidationException(message, exception.StatusCode, code, traceId, violations, transient, exception),
            StatusCode.AlreadyExists or StatusCode.Aborted or StatusCode.FailedPrecondition =>
                new VoiceHelperConflictException(message, exception.StatusCode, code, traceId, violations, transient, exception),
            StatusCode.Unavailable =>
                new VoiceHelperUnavailableException(message, exception.StatusCode, code, traceId, violations, transient, exception),
            StatusCode.DeadlineExceeded =>
                new VoiceHelperTimeoutException(message, exception.StatusCode, code, traceId, violations, transient, exception),
            _ => new VoiceHelperException(message, exception.StatusCode, code, traceId, violations, transient, exception),
        };
    }

    private static string Describe(RpcException exception, string? code, Uri address)
    {
        var detail = string.IsNullOrWhiteSpace(exception.Status.Detail) ? exception.StatusCode.ToString() : exception.Status.Detail;
        if (code is not null)
        {
            return detail;
        }

        // Without a code the gateway did not respond to the call itself: the connection, TLS or the client's deadline failed.
        return exception.StatusCode switch
        {
            _ when HasInner<AuthenticationException>(exception) =>
                $"The TLS connection to {address} failed: {Sentence(InnerMessage(exception) ?? detail)} Trust the gateway's certificate " +
                "with TrustedCertificatePath, or use its plain-text gRPC address.",
            _ when IsConnectionFailure(exception) =>
                $"The gateway at {address} could not be reached: {Sentence(InnerMessage(exception) ?? detail)} " +
                "Check that the gateway runs and that the address is its gRPC address.",
            StatusCode.DeadlineExceeded => $"The call to {address} timed out before the gateway answered.",
            _ => $"The call to {address} failed with status {exception.StatusCode}: {detail}",
        };
    }

    private static Google.Rpc.Status? RichStatus(RpcException exception)
    {
        try
        {
            return exception.GetRpcStatus();
        }
        catch (Google.Protobuf.InvalidProtocolBufferException)
        {
            // A proxy or another server may send a grpc-status-details-bin that is not a google.rpc.Status.
            return null;
        }
    }

    private static bool HasInner<TException>(Exception exception) where TException : Exception
    {
        for (var inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is TException)
            {
                return true;
            }
        }

        return false;
    }

    private static string Sentence(string text) => text.EndsWith('.') ? text : text + ".";

    private static string? InnerMessage(Exception exception)
    {
        var inner = exception.InnerException;
        while (inner?.InnerException is not null)
        {
            inner = inner.InnerException;
        }

        return inner?.Message;
    }
}
