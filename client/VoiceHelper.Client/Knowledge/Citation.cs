namespace VoiceHelper.Client;

/// <summary>A passage that an answer quotes: the document, where in it, and the words quoted.</summary>
/// <param name="DocumentId">The document that the passage is from.</param>
/// <param name="Title">The document's title.</param>
/// <param name="Heading">The heading of the section that contains the passage; empty when there is none.</param>
/// <param name="Page">The page of a PDF; null for other documents.</param>
/// <param name="Quote">The words quoted from the passage.</param>
public sealed record Citation(Guid DocumentId, string Title, string Heading, int? Page, string Quote);
