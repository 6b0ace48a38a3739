using System.Globalization;
using System.Text;
using Google.Protobuf;

namespace VoiceHelper.Gateway.Errors;

/// <summary>
/// Writes a failure as a gRPC "trailers-only" response, for failures that happen before a gRPC service runs, such as
/// a rejected API key. A gRPC client reads only the <c>grpc-status</c> header of such a response, so problem details
/// would reach it as a bare HTTP status without the stable code.
/// </summary>
public static class RpcErrorWriter
{
    /// <summary>Returns whether the request is a gRPC call, by its content type.</summary>
    public static bool IsGrpcRequest(HttpRequest request) =>
        request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>Writes the failure's status, message, code and rich status as response headers, with no body.</summary>
    public static Task WriteAsync(HttpContext context, ApiFailure failure)
    {
        var response = context.Response;
        var status = RpcFailures.ToRichStatus(failure, context.TraceIdentifier);
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/grpc";
        response.Headers["grpc-status"] = status.Code.ToString(CultureInfo.InvariantCulture);
        response.Headers["grpc-message"] = PercentEncode(failure.Detail);
        response.Headers["grpc-status-details-bin"] = Convert.ToBase64String(status.ToByteArray());
        response.Headers[RpcFailures.ErrorCodeTrailer] = failure.Code;
        return response.CompleteAsync();
    }

    // The gRPC over HTTP/2 protocol sends grpc-message percent-encoded: UTF-8 bytes outside space to '~', and '%'.
    private static string PercentEncode(string message)
    {
        var encoded = new StringBuilder(message.Length);
        foreach (var value in Encoding.UTF8.GetBytes(message))
        {
            if (value is >= 0x20 and <= 0x7E and not (byte)'%')
            {
                encoded.Append((char)value);
            }
            else
            {
                encoded.Append('%').Append(value.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return encoded.ToString();
    }
}
