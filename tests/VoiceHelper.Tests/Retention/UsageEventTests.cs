using VoiceHelper.Grains.Conversations;
using VoiceHelper.Grains.Persistence;
using VoiceHelper.Tests.Infrastructure;

namespace VoiceHelper.Tests.Retention;

/// <summary>The usage events that the stores write beside the counters, and their sums per day.</summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Grain")]
public sealed class UsageEventTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Exchange_Stored_WritesTwoEvents()
    {
        var tenantId = await TestDatabase.CreateTenantAsync(fixture.DataSource);
        var conversationId = Guid.NewGuid();
        var store = new PostgresConversationStore(fixture.DataSource);
        var now = DateTimeOffset.UtcNow;
        await store.InsertConversationAsync(
            new ConversationSummary(conversationId, tenantId, null, now, null, "en", null, now), CancellationToken.None);
        var message = new Turn(Guid.NewGuid(), 1, TurnRole.User, "12345", TurnModality.Voice, now);
        var reply = new Turn(Guid.NewGuid(), 2, TurnRole.Assistant, string.Empty, TurnModality.Voice, now)
        {
            Status = TurnStatus.Streaming,
            ReplyTo = message.Id,
        };

        await store.AppendExchangeAsync(tenantId, conversationId, message, reply, null, CancellationToken.None);
        await store.CompleteTurnAsync(tenantId, conversationId, reply with { Text = "1234567", Status = TurnStatus.Completed },
            CancellationToken.None);

        var events = await ReadEventsAsync(tenantId);
        Assert.Equal(["answer", "message"], events.Select(row => row.Kind).Order());
        Assert.Equal(5, events.Single(row => row.Kind == "message").CharactersIn);
        Assert.Equal(7, events.Single(row => row.Kind == "answer").CharactersOut);
    }

    [Fact]
    public async Task AddAudioSeconds_Speech_WritesSpeechEvent()
    {
        var tenantId = await TestDatabase.CreateTenantAsync(fixture.DataSource);

        await new PostgresSpeechUsageStore(fixture.DataSource).AddAudioSecondsAsync(tenantId, 2.5, 4, CancellationToken.None);

        var speech = Assert.Single(await ReadEventsAsync(tenantId));
        Assert.Equal("speech", speech.Kind);
        Assert.Equal(2.5, speech.AudioSeconds);
        Assert.Equal(4, speech.AudioSecondsOut);
    }

    [Fact]
    public async Task DailyUsage_ThreeDays_SumsRangeOnly()
    {
        var tenantId = await TestDatabase.CreateTenantAsync(fixture.DataSource);
        var first = new DateTimeOffset(2026, 1, 30, 23, 59, 0, TimeSpan.Zero);
        await RetentionRows.InsertUsageEventAsync(fixture.DataSource, tenantId, first, turns: 1, charactersIn: 10);
        await RetentionRows.InsertUsageEventAsync(fixture.DataSource, tenantId, first.AddMinutes(2), turns: 1, charactersIn: 20);
        await RetentionRows.InsertUsageEventAsync(fixture.DataSource, tenantId, first.AddHours(1), turns: 2, charactersIn: 30);
        await RetentionRows.InsertUsageEventAsync(fixture.DataSource, tenantId, first.AddDays(3), turns: 5, charactersIn: 50);

        var days = await new PostgresConversationStore(fixture.DataSource).GetDailyUsageAsync(
            tenantId, new DateOnly(2026, 1, 30), new DateOnly(2026, 2, 1), CancellationToken.None);

        Assert.Equal([new DateOnly(2026, 1, 30), new DateOnly(2026, 1, 31)], days.Select(day => day.Day));
        Assert.Equal(1, days[0].Turns);
        Assert.Equal(10, days[0].CharactersIn);
        Assert.Equal(3, days[1].Turns);
        Assert.Equal(50, days[1].CharactersIn);
    }

    private async Task<List<(string Kind, long CharactersIn, long CharactersOut, double AudioSeconds, double AudioSecondsOut)>>
        ReadEventsAsync(Guid tenantId)
    {
        await using var command = fixture.DataSource.CreateCommand(
            "SELECT kind, chars_in, chars_out, audio_seconds, audio_seconds_out FROM usage_events WHERE tenant_id = $1");
        command.Parameters.Add(new() { Value = tenantId });
        var rows = new List<(string, long, long, double, double)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetDouble(3), reader.GetDouble(4)));
        }

        return rows;
    }
}
