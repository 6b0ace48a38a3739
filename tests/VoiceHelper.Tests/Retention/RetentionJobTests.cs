using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using VoiceHelper.Grains.Persistence;
using VoiceHelper.Grains.Retention;
using VoiceHelper.Tests.Infrastructure;

namespace VoiceHelper.Tests.Retention;

/// <summary>
/// The retention job against the real test database. The tests share the cluster collection because the job deletes
/// across all tenants, and the grain tests there run it with a window of zero.
/// </summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Grain")]
public sealed class RetentionJobTests(ClusterFixture fixture)
{
    private static readonly TimeSpan Window = TimeSpan.FromDays(5);

    // Whole microseconds, because PostgreSQL stores no finer time stamps and the tests compare them.
    private static readonly DateTimeOffset Now = new(DateTime.UtcNow.Ticks / 10 * 10, TimeSpan.Zero);

    [Fact]
    public async Task Run_UsageEvents_DeletesOnlyOlderThanWindow()
    {
        var tenantId = await TestDatabase.CreateTenantAsync(fixture.DataSource);
        var old = Now - Window - TimeSpan.FromMinutes(1);
        var recent = Now - Window + TimeSpan.FromMinutes(1);
        await RetentionRows.InsertUsageEventAsync(fixture.DataSource, tenantId, old);
        await RetentionRows.InsertUsageEventAsync(fixture.DataSource, tenantId, recent);

        var result = await CreateJob(new() { UsageEvents = Window }).RunAsync(Now, CancellationToken.None)
            .WaitAsync(TestTimeouts.Step);

        Assert.Equal(0, await RetentionRows.CountUsageEventsAsync(fixture.DataSource, tenantId, old));
        Assert.Equal(1, await RetentionRows.CountUsageEventsAsync(fixture.DataSource, tenantId, recent));
        Assert.True(result.UsageEventsDeleted >= 1, $"The run reported {result.UsageEventsDeleted} usage events deleted.");
    }

    [Fact]
    public async Task Run_BatchOfOne_DeletesEveryOldEvent()
    {
        var tenantId = await TestDatabase.CreateTenantAsync(fixture.DataSource);
        var old = Now - Window - TimeSpan.FromDays(1);
        for (var i = 0; i < 3; i++)
        {
            await RetentionRows.InsertUsageEventAsync(fixture.DataSource, tenantId, old);
        }

        var result = await CreateJob(new() { UsageEvents = Window, BatchSize = 1 }).RunAsync(Now, CancellationToken.None)
            .WaitAsync(TestTimeouts.Step);

        Assert.Equal(0, await RetentionRows.CountUsageEventsAsync(fixture.DataSource, tenantId, old));
        Assert.True(result.UsageEventsDeleted >= 3, $"The run reported {result.UsageEventsDeleted} usage events deleted.");
    }

    [Fact]
    public async Task Run_DeletedConversations_PurgesOnlyAfterWindow()
    {
        var tenantId = await TestDatabase.CreateTenantAsync(fixture.DataSource);
        var (expired, _) = await RetentionRows.InsertConversationAsync(
            fixture.DataSource, tenantId, Now - Window - TimeSpan.FromMinutes(1));
        var (recentlyDeleted, _) = await RetentionRows.InsertConversationAsync(
            fixture.DataSource, tenantId, Now - Window + TimeSpan.FromMinutes(1));
        var (live, _) = await RetentionRows.InsertConversationAsync(fixture.DataSource, tenantId, deletedAt: null);

        var result = await CreateJob(new() { DeletedConversations = Window }).RunAsync(Now, CancellationToken.None)
            .WaitAsync(TestTimeouts.Step);

        Assert.Equal(0, await RetentionRows.CountConversationsAsync(fixture.DataSource, expired));
        Assert.Equal(0, await RetentionRows.CountTurnsAsync(fixture.DataSource, expired));
        Assert.Equal(1, await RetentionRows.CountConversationsAsync(fixture.DataSource, recentlyDeleted));
        Assert.Equal(2, await RetentionRows.CountTurnsAsync(fixture.DataSource, recentlyDeleted));
        Assert.Equal(1, await RetentionRows.CountConversationsAsync(fixture.DataSource, live));
        Assert.Equal(2, await RetentionRows.CountTurnsAsync(fixture.DataSource, live));
        Assert.True(result.ConversationsPurged >= 1, $"The run reported {result.ConversationsPurged} conversations purged.");
        Assert.True(result.TurnsPurged >= 2, $"The run reported {result.TurnsPurged} turns purged.");
    }

    [Fact]
    public async Task Run_RawAudio_DeletesOnlyOldAudio()
    {
        var tenantId = await TestDatabase.CreateTenantAsync(fixture.DataSource);
        var (oldConversation, oldTurn) = await RetentionRows.InsertConversationAsync(fixture.DataSource, tenantId, null);
        var (_, recentTurn) = await RetentionRows.InsertConversationAsync(fixture.DataSource, tenantId, null);
        await RetentionRows.InsertVoiceAudioAsync(fixture.DataSource, tenantId, oldTurn, Now - Window - TimeSpan.FromMinutes(1));
        await RetentionRows.InsertVoiceAudioAsync(fixture.DataSource, tenantId, recentTurn, Now - Window + TimeSpan.FromMinutes(1));

        var result = await CreateJob(new() { RawAudio = Window }).RunAsync(Now, CancellationToken.None)
            .WaitAsync(TestTimeouts.Step);

        Assert.Equal(0, await RetentionRows.CountVoiceAudioAsync(fixture.DataSource, oldTurn));
        Assert.Equal(2, await RetentionRows.CountTurnsAsync(fixture.DataSource, oldConversation));
        Assert.Equal(1, await RetentionRows.CountVoiceAudioAsync(fixture.DataSource, recentTurn));
        Assert.True(result.VoiceAudioDeleted >= 1, $"The run reported {result.VoiceAudioDeleted} audio rows deleted.");
    }

    [Fact]
    public async Task Run_PurgedConversation_TakesItsAudio()
    {
        var tenantId = await TestDatabase.CreateTenantAsync(fixture.DataSource);
        var (conversationId, turnId) = await RetentionRows.InsertConversationAsync(
            fixture.DataSource, tenantId, Now - Window - TimeSpan.FromMinutes(1));
        await RetentionRows.InsertVoiceAudioAsync(fixture.DataSource, tenantId, turnId, Now);

        await CreateJob(new() { DeletedConversations = Window }).RunAsync(Now, CancellationToken.None)
            .WaitAsync(TestTimeouts.Step);

        Assert.Equal(0, await RetentionRows.CountConversationsAsync(fixture.DataSource, conversationId));
        Assert.Equal(0, await RetentionRows.CountVoiceAudioAsync(fixture.DataSource, turnId));
    }

    private RetentionJob CreateJob(RetentionOptions options) => new(
        new PostgresRetentionStore(fixture.DataSource), Options.Create(options), NullLogger<RetentionJob>.Instance);
}
