namespace VoiceHelper.Knowledge.Answering;

/// <summary>
/// Turns the latest question of a conversation into a query that retrieval can answer on its own, using the turns
/// before it: "and how do I undo that?" after a question about CREATE INDEX must still find the index pages.
/// </summary>
public interface IQuestionRewriter
{
    /// <summary>
    /// Returns the retrieval query for <paramref name="question"/>, given the earlier turns of its conversation,
    /// oldest first. Returns the question unchanged when it needs no context.
    /// </summary>
    Task<string> RewriteAsync(
        string question, IReadOnlyList<ConversationTurnText> history, CancellationToken cancellationToken = default);
}

/// <summary>The text of an earlier turn and whether the user wrote or spoke it.</summary>
public sealed record ConversationTurnText(bool FromUser, string Text);
