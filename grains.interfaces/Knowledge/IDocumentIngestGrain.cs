namespace VoiceHelper.Grains.Knowledge;

/// <summary>
/// The ingestion of one document, keyed by the document id: parse, chunk, embed, store and index. Its progress
/// lives in the document's row, so a new activation after a silo restart starts again from the stored file.
/// </summary>
[Alias("VoiceHelper.IDocumentIngestGrain")]
public interface IDocumentIngestGrain : IGrainWithGuidKey
{
    /// <summary>Starts ingestion unless it runs already or has finished; returns at once.</summary>
    [Alias("Start")]
    Task StartAsync();

    /// <summary>
    /// Stops a running or queued ingestion and returns when it has stopped, leaving the document's row as it is.
    /// Deletion calls it before it deletes the document, so no embedding work continues for a deleted file.
    /// </summary>
    [Alias("Cancel")]
    Task CancelAsync();
}
