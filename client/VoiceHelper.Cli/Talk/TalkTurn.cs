using System.Text;
using VoiceHelper.Client;

namespace VoiceHelper.Cli.Talk;

/// <summary>One user turn of a recording and the answer to it.</summary>
internal sealed class TalkTurn(string itemId)
{
    public string ItemId { get; } = itemId;

    /// <summary>What was recognized; null until the transcription completes.</summary>
    public string? Transcript { get; set; }

    public string? ResponseId { get; set; }

    /// <summary>The stored assistant message, from <c>response.done</c>.</summary>
    public Guid? TurnId { get; set; }

    public StringBuilder Answer { get; } = new();

    public IReadOnlyList<Citation> Sources { get; set; } = [];

    /// <summary>How the answer ended; null while it runs or when the turn gets none.</summary>
    public VoiceResponseStatus? Status { get; set; }

    public string? ErrorMessage { get; set; }
}
