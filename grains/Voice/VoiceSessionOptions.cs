using System.ComponentModel.DataAnnotations;

namespace VoiceHelper.Grains.Voice;

/// <summary>Settings of realtime voice sessions, from the <c>Voice</c> configuration section.</summary>
public sealed class VoiceSessionOptions
{
    public const string SectionName = "Voice";

    /// <summary>
    /// How long a session keeps its events after its connection ends, for a client that reconnects with
    /// <c>voicehelper_last_seq</c>. Default 2 minutes.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "Voice:ReconnectWindow must be between 00:00:01 and 01:00:00.")]
    public TimeSpan ReconnectWindow { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How long speech during an answer must last before it cancels the answer, in milliseconds. Shorter sounds,
    /// such as a cough, pause the answer's audio, which then resumes. Default 300. Range 0 to 5,000.
    /// </summary>
    [Range(0, 5_000, ErrorMessage = "Voice:MinInterruptionMs must be between 0 and 5000.")]
    public int MinInterruptionMs { get; set; } = 300;

    /// <summary>
    /// How far the answer's audio may run ahead of the client's estimated playback position, in milliseconds. Lower
    /// values stop audio sooner on barge-in; higher ones absorb network jitter. Default 1,000. Range 100 to 60,000.
    /// </summary>
    [Range(100, 60_000, ErrorMessage = "Voice:AudioLeadMs must be between 100 and 60000.")]
    public int AudioLeadMs { get; set; } = 1_000;

    /// <summary>The length of the audio in one <c>response.output_audio.delta</c>, in milliseconds. Default 100. Range 20 to 1,000.</summary>
    [Range(20, 1_000, ErrorMessage = "Voice:AudioDeltaMs must be between 20 and 1000.")]
    public int AudioDeltaMs { get; set; } = 100;

    /// <summary>
    /// How many events may wait for a slow client before its connection is closed. The answer's audio stops being
    /// produced long before, once <see cref="AudioLeadMs"/> of audio waits unread. Default 2,000. Range 100 to 100,000.
    /// </summary>
    [Range(100, 100_000, ErrorMessage = "Voice:MaxPendingEvents must be between 100 and 100000.")]
    public int MaxPendingEvents { get; set; } = 2_000;

    /// <summary>
    /// The bytes of events already sent that a session keeps for clients that reconnect; older ones are dropped.
    /// Default 8 MiB, about a minute of 24 kHz audio in base64. Range 64 KiB to 256 MiB.
    /// </summary>
    [Range(64 * 1024, 256 * 1024 * 1024, ErrorMessage = "Voice:RetainedEventBytes must be between 65536 and 268435456.")]
    public int RetainedEventBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>
    /// What the session says when a client sends <c>response.create</c> with no user item to answer, as clients do
    /// to have the assistant speak first. It is spoken, not stored in the conversation. Default "Hello. What would
    /// you like to know?".
    /// </summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Voice:Greeting must not be empty.")]
    [StringLength(1_000, ErrorMessage = "Voice:Greeting must have at most 1000 characters.")]
    public string Greeting { get; set; } = "Hello. What would you like to know?";

    /// <summary>The longest user turn, also the most audio that manual mode buffers, in milliseconds. Default 60,000.</summary>
    [Range(1_000, 600_000, ErrorMessage = "Voice:MaxTurnMs must be between 1000 and 600000.")]
    public int MaxTurnMs { get; set; } = 60_000;

    /// <summary>
    /// Whether to keep the 16 kHz audio of each spoken user turn in PostgreSQL (<c>voice_turn_audio</c>), for review
    /// or to train a recognizer, until <c>Retention:RawAudio</c> deletes it. Default false: the audio is dropped
    /// once recognized.
    /// </summary>
    public bool KeepUserAudio { get; set; }
}
