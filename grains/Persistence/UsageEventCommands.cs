using Npgsql;

namespace VoiceHelper.Grains.Persistence;

/// <summary>
/// Builds the insert of a <c>usage_events</c> row. Callers run it in the transaction that adds the same change to
/// <c>tenant_usage</c>, so the events of a day sum to what the counters grew by that day.
/// </summary>
internal static class UsageEventCommands
{
    private const string InsertText = """
        INSERT INTO usage_events (tenant_id, kind, turns, chars_in, chars_out, audio_seconds, audio_seconds_out)
        VALUES ($1, $2, $3, $4, $5, $6, $7)
        """;

    public static NpgsqlBatchCommand CreateInsert(Guid tenantId, UsageChange change)
    {
        var command = new NpgsqlBatchCommand(InsertText);
        command.Parameters.Add(new() { Value = tenantId });
        command.Parameters.Add(new() { Value = ToText(change.Kind) });
        command.Parameters.Add(new() { Value = change.Turns });
        command.Parameters.Add(new() { Value = change.CharactersIn });
        command.Parameters.Add(new() { Value = change.CharactersOut });
        command.Parameters.Add(new() { Value = change.AudioSeconds });
        command.Parameters.Add(new() { Value = change.AudioSecondsOut });
        return command;
    }

    private static string ToText(UsageKind kind) => kind switch
    {
        UsageKind.Message => "message",
        UsageKind.Answer => "answer",
        UsageKind.Speech => "speech",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "The usage kind has no column value."),
    };
}
