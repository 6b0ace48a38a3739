using System.ComponentModel.DataAnnotations;

namespace VoiceHelper.Grains.Conversations;

/// <summary>Settings of conversations, from the <c>Conversations</c> configuration section.</summary>
public sealed class ConversationOptions
{
    public const string SectionName = "Conversations";

    /// <summary>
    /// How long a conversation stays in memory after its last call. Its turns are in PostgreSQL, so deactivating
    /// loses no turn, but readers that resume afterwards get the stored turn instead of the answer's events.
    /// Default 15 minutes.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00",
        ErrorMessage = "Conversations:IdleTimeout must be between 00:01:00 and 1.00:00:00.")]
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How many earlier turns the question rewriter reads. Default 6, three exchanges.</summary>
    [Range(0, 50, ErrorMessage = "Conversations:HistoryTurns must be between 0 and 50.")]
    public int HistoryTurns { get; set; } = 6;

    /// <summary>How many passages retrieval gives the answer generator. Default 5.</summary>
    [Range(1, 50, ErrorMessage = "Conversations:TopK must be between 1 and 50.")]
    public int TopK { get; set; } = 5;

    /// <summary>
    /// How long the events of a finished response stay in memory for clients that reconnect. Later readers get the
    /// stored turn instead of every delta. Default 5 minutes.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00",
        ErrorMessage = "Conversations:ResponseRetention must be between 00:00:00 and 01:00:00.")]
    public TimeSpan ResponseRetention { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The longest an answer may take before it is stored as failed. Default 2 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:30:00",
        ErrorMessage = "Conversations:AnswerTimeout must be between 00:00:01 and 00:30:00.")]
    public TimeSpan AnswerTimeout { get; set; } = TimeSpan.FromMinutes(2);
}
