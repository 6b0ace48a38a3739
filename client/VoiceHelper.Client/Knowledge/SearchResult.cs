namespace VoiceHelper.Client;

/// <summary>A retrieved chunk of a document, with its source.</summary>
/// <param name="DocumentId">The document that the chunk is from.</param>
/// <param name="Title">The document's title.</param>
/// <param name="Heading">The heading of the document section that contains the chunk; empty when there is none.</param>
/// <param name="Page">The page of a PDF; null for other documents.</param>
/// <param name="Text">The chunk's text.</param>
/// <param name="Score">The fused reciprocal rank score, 1 for a chunk that vector and full-text search both rank first.</param>
public sealed record SearchResult(Guid DocumentId, string Title, string Heading, int? Page, string Text, double Score);
