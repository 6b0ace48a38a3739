namespace VoiceHelper.Client;

/// <summary>Where a document is in ingestion. <see cref="Indexed"/> and <see cref="Failed"/> are final.</summary>
public enum DocumentStatus
{
    /// <summary>A status that this version of the SDK does not know.</summary>
    Unknown = 0,

    /// <summary>Stored and waiting for an ingestion slot.</summary>
    Queued = 1,

    /// <summary>Being parsed and split into chunks.</summary>
    Parsing = 2,

    /// <summary>Its chunks are being embedded; <see cref="Document.ChunksEmbedded"/> shows the progress.</summary>
    Embedding = 3,

    /// <summary>Searchable.</summary>
    Indexed = 4,

    /// <summary>Ingestion failed; <see cref="Document.ErrorCode"/> and <see cref="Document.ErrorMessage"/> say why.</summary>
    Failed = 5,
}
