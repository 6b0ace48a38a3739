namespace VoiceHelper.Grains.Knowledge;

/// <summary>Where a document is in ingestion. <see cref="Indexed"/> and <see cref="Failed"/> are final.</summary>
[GenerateSerializer, Alias("VoiceHelper.DocumentStatus")]
public enum DocumentStatus
{
    Queued = 0,
    Parsing = 1,
    Embedding = 2,
    Indexed = 3,
    Failed = 4,
}
