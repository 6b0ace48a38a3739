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
}
