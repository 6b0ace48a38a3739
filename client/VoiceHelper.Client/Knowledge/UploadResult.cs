namespace VoiceHelper.Client;

/// <summary>The outcome of an upload.</summary>
/// <param name="Document">The document: queued, or final when the upload waited until it was indexed.</param>
/// <param name="Created">
/// True when this upload created the document; false when the knowledge base already stored the same bytes as
/// this document. A retried upload whose first attempt stored the file before its connection broke also reads false.
/// </param>
public sealed record UploadResult(Document Document, bool Created);
