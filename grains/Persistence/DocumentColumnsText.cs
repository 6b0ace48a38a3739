using VoiceHelper.Grains.Knowledge;

namespace VoiceHelper.Grains.Persistence;

/// <summary>The text values that the <c>status</c> column of <c>documents</c> allows.</summary>
internal static class DocumentColumnsText
{
    public static string ToText(DocumentStatus status) => status switch
    {
        DocumentStatus.Queued => "queued",
        DocumentStatus.Parsing => "parsing",
        DocumentStatus.Embedding => "embedding",
        DocumentStatus.Indexed => "indexed",
        DocumentStatus.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown document status."),
    };

    public static DocumentStatus ParseStatus(string value) => value switch
    {
        "queued" => DocumentStatus.Queued,
        "parsing" => DocumentStatus.Parsing,
        "embedding" => DocumentStatus.Embedding,
        "indexed" => DocumentStatus.Indexed,
        "failed" => DocumentStatus.Failed,
        _ => throw new InvalidDataException($"Column documents.status contains unknown value '{value}'."),
    };
}
