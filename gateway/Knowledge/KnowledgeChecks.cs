using VoiceHelper.Gateway.Errors;
using VoiceHelper.Gateway.Json;

namespace VoiceHelper.Gateway.Knowledge;

/// <summary>
/// Checks of knowledge base requests that the REST endpoints and the gRPC service share. Each throws an
/// <see cref="ApiProblemException"/> naming the field that the caller passes, so REST and gRPC report the
/// field by the name that their own clients use.
/// </summary>
internal static class KnowledgeChecks
{
    /// <summary>Parses a UUID field of a gRPC message, or throws a 400 problem naming the field.</summary>
    public static Guid ParseId(string field, string value) =>
        Guid.TryParse(value, out var id)
            ? id
            : throw ApiProblemException.InvalidField(field, value.Length == 0
                ? $"Field '{field}' is missing. Set it to a UUID."
                : $"Field '{field}' is '{value}', which is not a UUID.");

    public static int CheckTopK(int? topK) => topK switch
    {
        null => KnowledgeLimits.DefaultTopK,
        >= 1 and <= KnowledgeLimits.MaxTopK => topK.Value,
        _ => throw ApiProblemException.InvalidField("top_k",
            $"Field 'top_k' is {topK}; it must be from 1 to {KnowledgeLimits.MaxTopK}."),
    };

    /// <summary>Returns the distinct document ids of a search filter, or throws a 400 problem when it names too many.</summary>
    public static IReadOnlyList<Guid> CheckDocumentCount(string field, IReadOnlyList<Guid> documentIds) =>
        documentIds.Count <= KnowledgeLimits.MaxFilterDocuments
            ? [.. documentIds.Distinct()]
            : throw ApiProblemException.InvalidField(field,
                $"Field '{field}' names {documentIds.Count} documents; it may name at most " +
                $"{KnowledgeLimits.MaxFilterDocuments}.");

    public static double CheckMinScore(double? minScore) => minScore switch
    {
        null => 0,
        >= 0 and <= 1 => minScore.Value,
        _ => throw ApiProblemException.InvalidField("min_score",
            $"Field 'min_score' is {minScore}; it must be from 0 to 1, where 1 is a result ranked first by both rankings."),
    };

    /// <summary>
    /// Returns the uploaded file's name without any folder part, or throws a 400 problem when it is too long, has
    /// no name before its extension or has a NUL character, and a 415 problem when its extension is not supported.
    /// </summary>
    public static string CheckFileName(string field, string fileName)
    {
        // Browsers on Windows may send a whole path; only the last segment is the name.
        var name = fileName[(fileName.LastIndexOfAny(['/', '\\']) + 1)..].Trim();
        TextFields.Check(field, name, KnowledgeLimits.MaxFileNameLength);
        if (Path.GetFileNameWithoutExtension(name).Length == 0)
        {
            throw ApiProblemException.InvalidField(field, $"File name '{name}' has no name before its extension. Rename the file.");
        }

        if (!KnowledgeLimits.SupportedExtensions.Contains(Path.GetExtension(name)))
        {
            var message = $"File '{name}' has an unsupported type. Upload one of: " +
                $"{string.Join(", ", KnowledgeLimits.SupportedExtensions.Order())}.";
            throw new ApiProblemException(StatusCodes.Status415UnsupportedMediaType, ProblemCodes.UnsupportedDocumentType,
                message, new Dictionary<string, string[]> { [field] = [message] });
        }

        return name;
    }

    /// <summary>Throws a 400 problem naming the field when the uploaded file has no bytes.</summary>
    public static void CheckNotEmpty(string field, string fileName, long length)
    {
        if (length == 0)
        {
            throw ApiProblemException.InvalidField(field, $"File '{fileName}' is empty. Upload a file with content.");
        }
    }

    /// <summary>Returns the 413 problem for an upload over <see cref="KnowledgeLimits.MaxUploadBytes"/>.</summary>
    public static ApiProblemException UploadTooLarge(string detail) =>
        new(StatusCodes.Status413PayloadTooLarge, ProblemCodes.PayloadTooLarge, detail);
}
