using Orleans.TestingHost;
using VoiceHelper.Grains.Conversations;
using VoiceHelper.Grains.Persistence;
using VoiceHelper.Grains.Retention;
using VoiceHelper.Tests.Infrastructure;

namespace VoiceHelper.Tests.Retention;

/// <summary>
/// Deleting a conversation through its grain hides it at once, and the retention grain, which the test cluster
/// configures with a window of zero, purges it at its next run.
/// </summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Grain")]
public sealed class ConversationDeletionTests(ClusterFixture fixture)
{
    private TestCluster Cluster => fixture.Cluster;

    private PostgresConversationStore Store => new(fixture.DataSource);

    [Fact]
    public async Task Delete_Conversation_GrainReadsNotFound()
    {
        var (tenantId, conversationId) = await CreateDeletedConversationAsync();
        var grain = Cluster.GrainFactory.GetGrain<IConversationGrain>(conversationId);

        await Assert.ThrowsAsync<ConversationNotFoundException>(() => grain.GetAsync(tenantId).WaitAsync(TestTimeouts.Step));
        await Assert.ThrowsAsync<ConversationNotFoundException>(
            () => grain.GetTurnsAsync(tenantId, 10, null).WaitAsync(TestTimeouts.Step));
    }

    [Fact]
    public async Task Delete_Conversation_MissingFromTenantList()
    {
        var (tenantId, conversationId) = await CreateDeletedConversationAsync();

        var page = await Cluster.GrainFactory.GetGrain<ITenantConversationsGrain>(tenantId).ListAsync(10, null)
            .WaitAsync(TestTimeouts.Step);

        Assert.DoesNotContain(page.Conversations, conversation => conversation.Id == conversationId);
    }

    [Fact]
    public async Task Delete_Conversation_StoreReadsSkipIt()
    {
        var (_, conversationId) = await CreateDeletedConversationAsync();

        var row = await Store.GetConversationAsync(conversationId, CancellationToken.None);
        var turns = await Store.GetTurnsAsync(conversationId, 10, long.MaxValue, CancellationToken.None);

        Assert.Null(row);
        Assert.Empty(turns);
    }

    [Fact]
    public async Task Delete_Conversation_KeepsRowsUntilPurge()
    {
        var (_, conversationId) = await CreateDeletedConversationAsync();

        Assert.Equal(1, await RetentionRows.CountConversationsAsync(fixture.DataSource, conversationId));
        Assert.Equal(2, await RetentionRows.CountTurnsAsync(fixture.DataSource, conversationId));
    }

    [Fact]
    public async Task Create_DeletedId_ThrowsExists()
    {
        var (tenantId, conversationId) = await CreateDeletedConversationAsync();
        var grain = Cluster.GrainFactory.GetGrain<IConversationGrain>(conversationId);

        await Assert.ThrowsAsync<ConversationExistsException>(
            () => grain.CreateAsync(tenantId, new ConversationSettings("again")).WaitAsync(TestTimeouts.Step));
    }

    [Fact]
    public async Task RetentionRun_ZeroWindow_PurgesDeletedConversation()
    {
        var (_, conversationId) = await CreateDeletedConversationAsync();
        var retention = Cluster.GrainFactory.GetGrain<IRetentionGrain>(IRetentionGrain.ClusterKey);

        var result = await retention.RunAsync().WaitAsync(TestTimeouts.Step);
        var lastRun = await retention.GetLastRunAsync().WaitAsync(TestTimeouts.Step);

        Assert.Equal(0, await RetentionRows.CountConversationsAsync(fixture.DataSource, conversationId));
        Assert.Equal(0, await RetentionRows.CountTurnsAsync(fixture.DataSource, conversationId));
        Assert.True(result.ConversationsPurged >= 1, $"The run reported {result.ConversationsPurged} conversations purged.");
        Assert.Equal(result, lastRun);
    }

    [Fact]
    public async Task RetentionRun_LiveConversation_KeepsIt()
    {
        var tenantId = await TestDatabase.CreateTenantAsync(fixture.DataSource);
        var conversationId = Guid.NewGuid();
        var grain = Cluster.GrainFactory.GetGrain<IConversationGrain>(conversationId);
        await grain.CreateAsync(tenantId, new ConversationSettings("kept")).WaitAsync(TestTimeouts.Step);

        await Cluster.GrainFactory.GetGrain<IRetentionGrain>(IRetentionGrain.ClusterKey).RunAsync()
            .WaitAsync(TestTimeouts.Step);
        var summary = await grain.GetAsync(tenantId).WaitAsync(TestTimeouts.Step);

        Assert.Equal("kept", summary.Title);
    }

    // Creates a conversation through its grain, stores one exchange, and deletes it through the grain.
    private async Task<(Guid TenantId, Guid ConversationId)> CreateDeletedConversationAsync()
    {
        var tenantId = await TestDatabase.CreateTenantAsync(fixture.DataSource);
        var conversationId = Guid.NewGuid();
        var grain = Cluster.GrainFactory.GetGrain<IConversationGrain>(conversationId);
        await grain.CreateAsync(tenantId, new ConversationSettings("to delete")).WaitAsync(TestTimeouts.Step);

        var now = DateTimeOffset.UtcNow;
        var message = new Turn(Guid.NewGuid(), 1, TurnRole.User, "What does VACUUM do?", TurnModality.Text, now);
        var reply = new Turn(Guid.NewGuid(), 2, TurnRole.Assistant, "It reclaims space.", TurnModality.Text, now)
        {
            ReplyTo = message.Id,
        };
        await Store.AppendExchangeAsync(tenantId, conversationId, message, reply, null, CancellationToken.None);

        await grain.DeleteAsync(tenantId).WaitAsync(TestTimeouts.Step);
        return (tenantId, conversationId);
    }
}
