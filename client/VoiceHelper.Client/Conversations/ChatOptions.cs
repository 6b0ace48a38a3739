namespace VoiceHelper.Client;

/// <summary>Optional settings of one message sent with <see cref="ConversationClient.ChatAsync"/>.</summary>
public sealed class ChatOptions
{
    /// <summary>How the message reached the client. Default <see cref="Modality.Text"/>.</summary>
    public Modality Modality { get; init; } = Modality.Text;

    /// <summary>
    /// A key of 1 to 255 characters that makes a repeated call return the message and answer stored under it instead
    /// of storing another. Null means a new random key for each call, which is what lets the client retry sending the
    /// message when the connection fails before the gateway confirms it.
    /// </summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>
    /// Keeps the answer running when the call ends early: when the caller stops reading, cancels, or the connection
    /// breaks. Without it the gateway cancels the answer in those cases, and a resumed stream ends with the cancelled
    /// message. Stop a background answer with <see cref="ConversationClient.CancelResponseAsync"/>. Default false.
    /// </summary>
    public bool Background { get; init; }
}
