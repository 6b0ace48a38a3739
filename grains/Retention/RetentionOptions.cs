using System.ComponentModel.DataAnnotations;

namespace VoiceHelper.Grains.Retention;

/// <summary>
/// Settings of the retention job, from the <c>Retention</c> configuration section: how long each kind of data is
/// kept, how often the job runs, and how many rows one delete statement removes.
/// </summary>
public sealed class RetentionOptions
{
    public const string SectionName = "Retention";

    /// <summary>
    /// Whether the job runs on its schedule. When false, only a run requested through
    /// <c>POST /api/v1/retention/run</c> deletes anything. Default true.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Time between two scheduled runs. Default 1 hour.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00",
        ErrorMessage = "Retention:Interval must be between 00:01:00 and 7.00:00:00.")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Age after which a row of <c>usage_events</c> is deleted. The counters of <c>GET /api/v1/usage</c> keep their
    /// totals, and only the per-day figures of older days go. Default 400 days, so a year can be compared with the last.
    /// </summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00",
        ErrorMessage = "Retention:UsageEvents must be between 1.00:00:00 and 3650.00:00:00.")]
    public TimeSpan UsageEvents { get; set; } = TimeSpan.FromDays(400);

    /// <summary>
    /// Time from the deletion of a conversation to the purge of its row, turns and audio. A deleted conversation is
    /// hidden at once either way. 0 purges it at the next run. Default 30 days.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "3650.00:00:00",
        ErrorMessage = "Retention:DeletedConversations must be between 00:00:00 and 3650.00:00:00.")]
    public TimeSpan DeletedConversations { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Age after which the stored audio of a voice turn is deleted. The turn's text stays. Default 30 days.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "3650.00:00:00",
        ErrorMessage = "Retention:RawAudio must be between 00:00:00 and 3650.00:00:00.")]
    public TimeSpan RawAudio { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// Maximum rows that one delete statement removes. Each batch is its own transaction, so a large backlog never
    /// holds locks for long. For deleted conversations the limit counts conversations, and their turns go with them.
    /// Default 1000.
    /// </summary>
    [Range(1, 100_000, ErrorMessage = "Retention:BatchSize must be between 1 and 100000.")]
    public int BatchSize { get; set; } = 1000;
}
