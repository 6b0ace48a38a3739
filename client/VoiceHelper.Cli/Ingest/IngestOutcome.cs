using System.Text.Json.Serialization;
using VoiceHelper.Client;

namespace VoiceHelper.Cli.Ingest;

/// <summary>What happened to one file of <c>vh ingest</c>.</summary>
/// <param name="Path">The file as named or found.</param>
/// <param name="Status">
/// <c>indexed</c>, <c>unchanged</c> (the same bytes were stored before and are indexed), <c>queued</c> (with
/// <c>--no-wait</c>) or <c>failed</c>.
/// </param>
/// <param name="DocumentId">The stored document; null when the upload failed.</param>
/// <param name="ChunkCount">The document's chunks, once parsed.</param>
/// <param name="ErrorCode">Why it failed: the gateway's code, or <c>file_not_found</c>.</param>
/// <param name="ErrorMessage">Why it failed, for people.</param>
internal sealed record IngestOutcome(
    string Path, string Status, Guid? DocumentId, int ChunkCount, string? ErrorCode, string? ErrorMessage)
{
    [JsonIgnore]
    public bool Failed => Status == FailedStatus;

    public const string FailedStatus = "failed";

    public static IngestOutcome From(string path, UploadResult result)
    {
        var document = result.Document;
        var status = document.Status switch
        {
            DocumentStatus.Failed => FailedStatus,
            DocumentStatus.Indexed => result.Created ? "indexed" : "unchanged",
            _ => document.Status.ToString().ToLowerInvariant(),
        };
        return new IngestOutcome(path, status, document.Id, document.ChunkCount, document.ErrorCode, document.ErrorMessage);
    }

    public static IngestOutcome Failure(string path, string code, string message) =>
        new(path, FailedStatus, null, 0, code, message);
}
