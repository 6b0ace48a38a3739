namespace VoiceHelper.Cli.Talk;

/// <summary>The arguments of one <c>vh talk</c>.</summary>
/// <param name="Path">The recording.</param>
/// <param name="KnowledgeBase">The knowledge base's id or name; null to use the conversation's.</param>
/// <param name="ConversationId">The conversation to continue; null starts one.</param>
/// <param name="OutputPath">Where to write the spoken answer; null for the default in the current folder.</param>
/// <param name="Speed">How many times faster than real time the recording is sent.</param>
/// <param name="ServerVad">Whether the service finds the turns; false sends the recording as one turn.</param>
internal sealed record TalkRequest(
    string Path, string? KnowledgeBase, Guid? ConversationId, string? OutputPath, double Speed, bool ServerVad)
{
    /// <summary>
    /// Returns the full output path: the option's, or the recording's name with <c>.answer.wav</c> in the current folder.
    /// </summary>
    public string ResolveOutputPath() =>
        System.IO.Path.GetFullPath(OutputPath ?? System.IO.Path.GetFileNameWithoutExtension(Path) + ".answer.wav");
}
