using VoiceHelper.Grains.Conversations;

namespace VoiceHelper.Grains.Persistence;

/// <summary>
/// The text values that the <c>role</c>, <c>modality</c> and <c>status</c> columns of <c>conversation_turns</c> allow.
/// </summary>
internal static class TurnColumns
{
    public static string ToRole(TurnRole role) => role switch
    {
        TurnRole.User => "user",
        TurnRole.Assistant => "assistant",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "Unknown turn role."),
    };

    public static TurnRole ParseRole(string value) => value switch
    {
        "user" => TurnRole.User,
        "assistant" => TurnRole.Assistant,
        _ => throw new InvalidDataException($"Column conversation_turns.role contains unknown value '{value}'."),
    };

    public static string ToModality(TurnModality modality) => modality switch
    {
        TurnModality.Text => "text",
        TurnModality.Voice => "voice",
        _ => throw new ArgumentOutOfRangeException(nameof(modality), modality, "Unknown turn modality."),
    };

    public static TurnModality ParseModality(string value) => value switch
    {
        "text" => TurnModality.Text,
        "voice" => TurnModality.Voice,
        _ => throw new InvalidDataException($"Column conversation_turns.modality contains unknown value '{value}'."),
    };

    public static string ToStatus(TurnStatus status) => status switch
    {
        TurnStatus.Streaming => "streaming",
        TurnStatus.Completed => "completed",
        TurnStatus.Cancelled => "cancelled",
        TurnStatus.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown turn status."),
    };

    public static TurnStatus ParseStatus(string value) => value switch
    {
        "streaming" => TurnStatus.Streaming,
        "completed" => TurnStatus.Completed,
        "cancelled" => TurnStatus.Cancelled,
        "failed" => TurnStatus.Failed,
        _ => throw new InvalidDataException($"Column conversation_turns.status contains unknown value '{value}'."),
    };
}
