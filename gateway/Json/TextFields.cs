using VoiceHelper.Gateway.Errors;

namespace VoiceHelper.Gateway.Json;

/// <summary>
/// Checks for text fields of requests. Lengths count UTF-16 code units, as .NET strings do, so a character
/// outside the Basic Multilingual Plane (most emoji) counts as two. NUL characters are rejected because
/// PostgreSQL text cannot store them.
/// </summary>
public static class TextFields
{
    /// <summary>
    /// Returns the value, or throws a 400 problem naming the field when it is blank, too long or has NUL. The
    /// message shows <paramref name="example"/>, a JSON body, when one is given; gRPC callers give none.
    /// </summary>
    public static string Require(string field, string? value, int maxLength, string? example = null)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            var fix = example is null ? "Set it to a non-blank value." : $"Send a body such as {example}.";
            throw ApiProblemException.InvalidField(field, $"Field '{field}' is missing or blank. {fix}");
        }

        return Check(field, value, maxLength);
    }

    /// <summary>Like <see cref="Require"/>, but a missing (null) value is allowed and returned as null.</summary>
    public static string? Optional(string field, string? value, int maxLength, string? example = null) =>
        value is null ? null : Require(field, value, maxLength, example);

    /// <summary>Returns the value unchanged, or throws a 400 problem when it is too long or has a NUL character.</summary>
    public static string Check(string field, string value, int maxLength)
    {
        if (value.Length > maxLength)
        {
            throw ApiProblemException.InvalidField(field,
                $"Field '{field}' is {value.Length} UTF-16 code units long; the maximum is {maxLength}. Shorten it.");
        }

        if (value.Contains('\0', StringComparison.Ordinal))
        {
            throw ApiProblemException.InvalidField(field,
                $"Field '{field}' contains a NUL character (\\u0000), which cannot be stored. Remove it.");
        }

        return value;
    }
}
