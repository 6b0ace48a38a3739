namespace VoiceHelper.Knowledge.Answering;

/// <summary>A retrieved passage offered to an answer generator, with its source and retrieval score (0 to 1).</summary>
public sealed record AnswerPassage(Guid DocumentId, string Title, string Heading, int? Page, string Text, double Score);
