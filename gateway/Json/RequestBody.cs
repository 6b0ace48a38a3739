using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using VoiceHelper.Gateway.Errors;

namespace VoiceHelper.Gateway.Json;

/// <summary>
/// Reads a JSON request body with errors that name the offending field, which model binding's generic
/// 400 does not.
/// </summary>
public static class RequestBody
{
    /// <summary>Returns whether the request carries no body at all, for endpoints whose body is optional.</summary>
    public static bool IsEmpty(HttpRequest request) =>
        request.ContentLength == 0
        || (request.ContentLength is null && !request.Headers.ContainsKey("Transfer-Encoding"));

    /// <summary>Deserializes the body as <typeparamref name="T"/> or throws a 400 or 415 problem.</summary>
    public static async Task<T> ReadAsync<T>(HttpRequest request, string example)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            throw new ApiProblemException(StatusCodes.Status415UnsupportedMediaType, ProblemCodes.UnsupportedMediaType,
                $"The request body must be JSON with Content-Type 'application/json', not '{request.ContentType}'. " +
                $"Send a body such as {example}.");
        }

        var charset = Microsoft.Net.Http.Headers.MediaTypeHeaderValue.Parse(request.ContentType).Charset.Value;
        if (charset is not null && !charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)
            && !charset.Equals("utf8", StringComparison.OrdinalIgnoreCase))
        {
            throw new ApiProblemException(StatusCodes.Status415UnsupportedMediaType, ProblemCodes.UnsupportedMediaType,
                $"The request body must be UTF-8 JSON, not charset '{charset}'. Send it as 'application/json; charset=utf-8'.");
        }

        var options = request.HttpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value;
        T? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<T>(request.Body, options.SerializerOptions, request.HttpContext.RequestAborted);
        }
        catch (JsonException) when (request.ContentLength == 0)
        {
            throw new ApiProblemException(StatusCodes.Status400BadRequest, ProblemCodes.InvalidJson,
                $"The request body is empty. Send a JSON object such as {example}.");
        }
        catch (JsonException exception)
        {
            throw InvalidJson(exception, example);
        }

        return body ?? throw new ApiProblemException(StatusCodes.Status400BadRequest, ProblemCodes.InvalidJson,
            $"The request body is empty or null. Send a JSON object such as {example}.");
    }

    private static ApiProblemException InvalidJson(JsonException exception, string example)
    {
        var field = FieldName(exception.Path);
        var location = exception.LineNumber is { } line
            ? $" at line {line + 1}, position {exception.BytePositionInLine + 1}"
            : string.Empty;
        if (field is null)
        {
            return new ApiProblemException(StatusCodes.Status400BadRequest, ProblemCodes.InvalidJson,
                $"The request body is not a valid JSON object{location}. Send a body such as {example}.");
        }

        var message = $"Field '{field}' has a value of the wrong type or is malformed{location}. Send a body such as {example}.";
        return new ApiProblemException(StatusCodes.Status400BadRequest, ProblemCodes.InvalidJson, message,
            new Dictionary<string, string[]> { [field] = [message] });
    }

    /// <summary>
    /// Returns the field of a <see cref="JsonException.Path"/>, such as <c>$.text</c>, <c>$['text']</c> or
    /// <c>$.filters.document_ids[0]</c>: what follows the root, with a quoted first name unquoted. Null for the root.
    /// </summary>
    internal static string? FieldName(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return null;
        }

        var field = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path[1..];
        if (field.StartsWith("['", StringComparison.Ordinal) && field.IndexOf("']", StringComparison.Ordinal) is var end and > 2)
        {
            field = field[2..end] + field[(end + 2)..];
        }

        return field;
    }
}
