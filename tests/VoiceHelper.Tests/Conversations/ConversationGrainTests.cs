using VoiceHelper.Grains.Conversations;
using VoiceHelper.Grains.Persistence;
using VoiceHelper.Tests.Infrastructure;

namespace VoiceHelper.Tests.Conversations;

[Collection(ClusterCollection.Name)]
[Trait("Category", "Grain")]
public sealed class ConversationGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task SendMessage_NewConversation_StoresUserTurnThenReply()
    {
        var (tenantId, grain) = await CreateConversationAsync();

        var exchange = await grain.SendMessageAsync(tenantId, "What is VACUUM?").WaitAsync(TestTimeouts.Step);

        Assert.Equal(1, exchange.Message.Sequence);
        Assert.Equal(TurnRole.User, exchange.Message.Role);
        Assert.Equal("What is VACUUM?", exchange.Message.Text);
        Assert.Equal(2, exchange.Reply.Sequence);
        Assert.Equal(TurnRole.Assistant, exchange.Reply.Role);
    }

    [Fact]
    public async Task SendMessage_Returned_TurnsAreInPostgres()
    {
        var (tenantId, grain) = await CreateConversationAsync();

        var exchange = await grain.SendMessageAsync(tenantId, "stored?").WaitAsync(TestTimeouts.Step);

        await using var command = fixture.DataSource.CreateCommand(
            "SELECT text FROM conversation_turns WHERE id = $1");
        command.Parameters.Add(new() { Value = exchange.Message.Id });
        Assert.Equal("stored?", await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task SendMessage_OtherTenant_ThrowsNotFound()
    {
        var (_, grain) = await CreateConversationAsync();
        var otherTenant = await TestDatabase.CreateTenantAsync(fixture.DataSource);

        await Assert.ThrowsAsync<ConversationNotFoundException>(
            () => grain.SendMessageAsync(otherTenant, "hello").WaitAsync(TestTimeouts.Step));
    }

    [Fact]
    public async Task SendMessage_NeverCreated_ThrowsNotFound()
    {
        var tenantId = await TestDatabase.CreateTenantAsync(fixture.DataSource);
        var grain = fixture.Cluster.GrainFactory.GetGrain<IConversationGrain>(Guid.NewGuid());

        await Assert.ThrowsAsync<ConversationNotFoundException>(
            () => grain.SendMessageAsync(tenantId, "hello").WaitAsync(TestTimeouts.Step));
    }

    [Fact]
    public async Task SendMessage_DatabaseRejectsText_ThrowsStorageException()
    {
        var (tenantId, grain) = await CreateConversationAsync();

        var exception = await Assert.ThrowsAsync<StorageException>(
            () => grain.SendMessageAsync(tenantId, "nul \0 inside").WaitAsync(TestTimeouts.Step));

        Assert.False(exception.IsTransient);
        Assert.Equal("22021", exception.SqlState);
    }

    [Fact]
    public async Task Get_Owner_ReturnsTitle()
    {
        var (tenantId, grain) = await CreateConversationAsync();

        var summary = await grain.GetAsync(tenantId).WaitAsync(TestTimeouts.Step);

        Assert.Equal("test", summary.Title);
    }

    [Fact]
    public async Task Create_Twice_ThrowsExists()
    {
        var (tenantId, grain) = await CreateConversationAsync();

        await Assert.ThrowsAsync<ConversationExistsException>(
            () => grain.CreateAsync(tenantId, null).WaitAsync(TestTimeouts.Step));
    }

    [Fact]
    public async Task GetTurns_Paged_ReturnsNewestPageOldestFirst()
    {
        var (tenantId, grain) = await CreateConversationAsync();
        foreach (var text in new[] { "one", "two", "three" })
        {
            await grain.SendMessageAsync(tenantId, text).WaitAsync(TestTimeouts.Step);
        }

        var newest = await grain.GetTurnsAsync(tenantId, 4, null).WaitAsync(TestTimeouts.Step);
        var older = await grain.GetTurnsAsync(tenantId, 4, newest.NextBefore).WaitAsync(TestTimeouts.Step);

        Assert.Equal([3L, 4L, 5L, 6L], newest.Turns.Select(turn => turn.Sequence));
        Assert.Equal(3, newest.NextBefore);
        Assert.Equal([1L, 2L], older.Turns.Select(turn => turn.Sequence));
        Assert.Null(older.NextBefore);
    }

    private async Task<(Guid TenantId, IConversationGrain Grain)> CreateConversationAsync()
    {
        var tenantId = await TestDatabase.CreateTenantAsync(fixture.DataSource);
        var grain = fixture.Cluster.GrainFactory.GetGrain<IConversationGrain>(Guid.NewGuid());
        await grain.CreateAsync(tenantId, "test").WaitAsync(TestTimeouts.Step);
        return (tenantId, grain);
    }
}
