namespace VoiceHelper.Knowledge.Answering;

/// <summary>
/// An answer and the passages it rests on. <see cref="Answered"/> is false when the passages did not support an
/// answer; <see cref="Text"/> then says so and <see cref="Sources"/> is empty.
/// </summary>
public sealed record GroundedAnswer(string Text, bool Answered, IReadOnlyList<AnswerSource> Sources);

/// <summary>A cited passage: its document, heading, page, and the words quoted from it.</summary>
public sealed record AnswerSource(Guid DocumentId, string Title, string Heading, int? Page, string Quote);
