using VoiceHelper.Grains.Conversations;
using VoiceHelper.Grains.Knowledge;
using VoiceHelper.Grains.Persistence;
using VoiceHelper.Grains.Retention;
using VoiceHelper.Tests.Infrastructure;

namespace VoiceHelper.Tests.Conversations;

[Collection(ClusterCollection.Name)]
[Trait("Category", "Grain")]
public sealed class ConversationGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task SendMessage_NewConversation_StoresUserTurnThenReply()
    {
        var (tenantId, grain, _) = await CreateConversationAsync();

        var exchange = await grain.SendMessageAsync(tenantId, new UserMessage("What does VACUUM FULL do?"))
            .WaitAsync(TestTimeouts.Step);

        Assert.Equal(1, exchange.Message.Sequence);
        Assert.Equal(TurnRole.User, exchange.Message.Role);
        Assert.Equal("What does VACUUM FULL do?", exchange.Message.Text);
        Assert.Equal(2, exchange.Reply.Sequence);
        Assert.Equal(TurnRole.Assistant, exchange.Reply.Role);
        Assert.Equal(TurnStatus.Completed, exchange.Reply.Status);
        Assert.Equal(exchange.Message.Id, exchange.Reply.ReplyTo);
    }

    [Fact]
    public async Task SendMessage_GroundedQuestion_CitesRightPage()
    {
        var (tenantId, grain, manual) = await CreateConversationAsync();

        var exchange = await grain.SendMessageAsync(tenantId,
            new UserMessage("How can I build an index without locking out writes to the table?")).WaitAsync(TestTimeouts.Step);

        Assert.NotEmpty(exchange.Reply.Text);
        Assert.Contains(exchange.Reply.Sources, source => source.DocumentId == manual.DocumentIds["sql-createindex.html"]);
        Assert.NotNull(exchange.Reply.RetrievalMs);
        Assert.NotNull(exchange.Reply.AnswerMs);
    }

    [Fact]
    public async Task SendMessage_FollowUp_KeepsEarlierTopic()
    {
        var (tenantId, grain, manual) = await CreateConversationAsync();

        await grain.SendMessageAsync(tenantId, new UserMessage("How do I create an index on a table?")).WaitAsync(TestTimeouts.Step);
        var followUp = await grain.SendMessageAsync(tenantId, new UserMessage("And how do I remove it again?"))
            .WaitAsync(TestTimeouts.Step);

        Assert.Contains(followUp.Reply.Sources, source => source.DocumentId == manual.DocumentIds["sql-dropindex.html"]);
    }

    [Fact]
    public async Task SendMessage_SuppliedHistory_KeepsEarlierTopic()
    {
        var (tenantId, grain, manual) = await CreateConversationAsync();
        PriorMessage[] history =
        [
            new(TurnRole.User, "What does VACUUM FULL do?"),
            new(TurnRole.Assistant, "It rewrites the table."),
        ];

        var followUp = await grain.SendMessageAsync(tenantId, new UserMessage("Does it lock the table?", History: history))
            .WaitAsync(TestTimeouts.Step);

        Assert.Contains(followUp.Reply.Sources, source => source.DocumentId == manual.DocumentIds["sql-vacuum.html"]);
    }

    [Fact]
    public async Task SendMessage_SuppliedHistory_StoresOnlyNewExchange()
    {
        var (tenantId, grain, _) = await CreateConversationAsync();
        PriorMessage[] history = [new(TurnRole.User, "What does VACUUM FULL do?")];

        await grain.SendMessageAsync(tenantId, new UserMessage("Does it lock the table?", History: history))
            .WaitAsync(TestTimeouts.Step);
        var turns = await grain.GetTurnsAsync(tenantId, 10, null).WaitAsync(TestTimeouts.Step);

        Assert.Equal(2, turns.Turns.Count);
        Assert.Equal("Does it lock the table?", turns.Turns[0].Text);
    }

    [Fact]
    public async Task SendMessage_EmptySuppliedHistory_IgnoresStoredTurns()
    {
        var (tenantId, grain, manual) = await CreateConversationAsync();
        await grain.SendMessageAsync(tenantId, new UserMessage("What does VACUUM FULL do?")).WaitAsync(TestTimeouts.Step);

        var followUp = await grain.SendMessageAsync(tenantId, new UserMessage("Does it lock the table?", History: []))
            .WaitAsync(TestTimeouts.Step);

        Assert.DoesNotContain(followUp.Reply.Sources, source => source.DocumentId == manual.DocumentIds["sql-vacuum.html"]);
    }

    [Fact]
    public async Task SendMessage_Returned_TurnsAreInPostgres()
    {
        var (tenantId, grain, _) = await CreateConversationAsync();

        var exchange = await grain.SendMessageAsync(tenantId, new UserMessage("stored?")).WaitAsync(TestTimeouts.Step);

        await using var command = fixture.DataSource.CreateCommand(
            "SELECT status FROM conversation_turns WHERE id = $1");
        command.Parameters.Add(new() { Value = exchange.Reply.Id });
        Assert.Equal("completed", await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task ReadResponse_FromStart_StreamsDeltasSourcesThenDone()
    {
        var (tenantId, grain, _) = await CreateConversationAsync();

        var start = await grain.StartResponseAsync(tenantId, new UserMessage("What does VACUUM FULL do?"))
            .WaitAsync(TestTimeouts.Step);
        var events = await ReadAllAsync(grain, tenantId, start.ResponseId, 0);

        var kinds = events.Select(responseEvent => responseEvent.Kind).ToList();
        Assert.Equal(ResponseEventKind.Done, kinds[^1]);
        Assert.Equal(ResponseEventKind.Sources, kinds[^2]);
        Assert.All(kinds[..^2], kind => Assert.Equal(ResponseEventKind.Delta, kind));
        Assert.Equal(Enumerable.Range(1, events.Count).Select(number => (long)number), events.Select(e => e.Sequence));
        Assert.Equal(events[^1].Turn!.Text, string.Concat(events.Select(e => e.Delta)));
        Assert.Equal(start.ResponseId, events[^1].Turn!.Id);
    }

    [Fact]
    public async Task ReadResponse_AfterSequence_ReturnsOnlyLaterEvents()
    {
        var (tenantId, grain, _) = await CreateConversationAsync();
        var start = await grain.StartResponseAsync(tenantId, new UserMessage("What does VACUUM FULL do?"))
            .WaitAsync(TestTimeouts.Step);
        var all = await ReadAllAsync(grain, tenantId, start.ResponseId, 0);

        var rest = await ReadAllAsync(grain, tenantId, start.ResponseId, 1);

        Assert.Equal(all.Skip(1).Select(e => e.Sequence), rest.Select(e => e.Sequence));
    }

    [Fact]
    public async Task ReadResponse_AfterDoneEvent_EndsWithoutEvents()
    {
        var (tenantId, grain, _) = await CreateConversationAsync();
        var start = await grain.StartResponseAsync(tenantId, new UserMessage("What does VACUUM FULL do?"))
            .WaitAsync(TestTimeouts.Step);
        var all = await ReadAllAsync(grain, tenantId, start.ResponseId, 0);

        var rest = await ReadAllAsync(grain, tenantId, start.ResponseId, all[^1].Sequence);

        Assert.Empty(rest);
    }

    [Fact]
    public async Task CancelResponse_Started_StoresCancelledTurn()
    {
        var (tenantId, grain, _) = await CreateConversationAsync();
        var start = await grain.StartResponseAsync(tenantId, new UserMessage("What does VACUUM FULL do?"))
            .WaitAsync(TestTimeouts.Step);

        var cancelled = await grain.CancelResponseAsync(tenantId, start.ResponseId).WaitAsync(TestTimeouts.Step);
        var events = await ReadAllAsync(grain, tenantId, start.ResponseId, 0);

        Assert.True(cancelled);
        Assert.Equal(TurnStatus.Cancelled, events[^1].Turn!.Status);
        Assert.Equal("cancelled", await ReadStatusAsync(start.ResponseId));
    }

    [Fact]
    public async Task TruncateResponse_Completed_StoresHeardPartAsCancelled()
    {
        var (tenantId, grain, _) = await CreateConversationAsync();
        var exchange = await grain.SendMessageAsync(tenantId, new UserMessage("What does VACUUM FULL do?"))
            .WaitAsync(TestTimeouts.Step);
        var heard = exchange.Reply.Text[..Math.Min(40, exchange.Reply.Text.Length)];
        var heardSources = exchange.Reply.Sources.Take(1).ToList();

        var truncated = await grain.TruncateResponseAsync(tenantId, exchange.Reply.Id, heard, heardSources)
            .WaitAsync(TestTimeouts.Step);
        var page = await grain.GetTurnsAsync(tenantId, 10, null).WaitAsync(TestTimeouts.Step);
        var stored = page.Turns.Single(turn => turn.Id == exchange.Reply.Id);

        Assert.Equal(TurnStatus.Cancelled, truncated.Status);
        Assert.Equal(heard, stored.Text);
        Assert.Equal(TurnStatus.Cancelled, stored.Status);
        Assert.Equal(heardSources, stored.Sources);
        Assert.Equal("cancelled", await ReadStatusAsync(exchange.Reply.Id));
    }

    [Fact]
    public async Task TruncateResponse_UserTurn_ThrowsResponseNotFound()
    {
        var (tenantId, grain, _) = await CreateConversationAsync();
        var exchange = await grain.SendMessageAsync(tenantId, new UserMessage("What does VACUUM FULL do?"))
            .WaitAsync(TestTimeouts.Step);

        await Assert.ThrowsAsync<ResponseNotFoundException>(() =>
            grain.TruncateResponseAsync(tenantId, exchange.Message.Id, "", []).WaitAsync(TestTimeouts.Step));
    }

    [Fact]
    public async Task SendMessage_SameIdempotencyKey_StoresOneExchange()
    {
        var (tenantId, grain, _) = await CreateConversationAsync();
        var message = new UserMessage("What does VACUUM FULL do?", IdempotencyKey: "retry-1");

        var first = await grain.SendMessageAsync(tenantId, message).WaitAsync(TestTimeouts.Step);
        var second = await grain.SendMessageAsync(tenantId, message).WaitAsync(TestTimeouts.Step);
        var turns = await grain.GetTurnsAsync(tenantId, 10, null).WaitAsync(TestTimeouts.Step);

        Assert.Equal(first.Message.Id, second.Message.Id);
        Assert.Equal(first.Reply.Id, second.Reply.Id);
        Assert.Equal(2, turns.Turns.Count);
    }

    [Fact]
    public async Task SendMessage_NoKnowledgeBase_ThrowsKnowledgeBaseRequired()
    {
        var tenantId = await TestDatabase.CreateTenantAsync(fixture.DataSource);
        var grain = fixture.Cluster.GrainFactory.GetGrain<IConversationGrain>(Guid.NewGuid());
        await grain.CreateAsync(tenantId, new ConversationSettings("no knowledge")).WaitAsync(TestTimeouts.Step);

        await Assert.ThrowsAsync<KnowledgeBaseRequiredException>(
            () => grain.SendMessageAsync(tenantId, new UserMessage("hello")).WaitAsync(TestTimeouts.Step));
    }

    [Fact]
    public async Task Create_OtherTenantsKnowledgeBase_ThrowsNotFound()
    {
        var manual = await ManualKnowledgeBase.GetAsync(fixture);
        var otherTenant = await TestDatabase.CreateTenantAsync(fixture.DataSource);
        var grain = fixture.Cluster.GrainFactory.GetGrain<IConversationGrain>(Guid.NewGuid());

        await Assert.ThrowsAsync<KnowledgeBaseNotFoundException>(() => grain
            .CreateAsync(otherTenant, new ConversationSettings(KnowledgeBaseId: manual.KnowledgeBaseId))
            .WaitAsync(TestTimeouts.Step));
    }

    [Fact]
    public async Task SendMessage_OtherTenant_ThrowsNotFound()
    {
        var (_, grain, _) = await CreateConversationAsync();
        var otherTenant = await TestDatabase.CreateTenantAsync(fixture.DataSource);

        await Assert.ThrowsAsync<ConversationNotFoundException>(
            () => grain.SendMessageAsync(otherTenant, new UserMessage("hello")).WaitAsync(TestTimeouts.Step));
    }

    [Fact]
    public async Task SendMessage_NeverCreated_ThrowsNotFound()
    {
        var tenantId = await TestDatabase.CreateTenantAsync(fixture.DataSource);
        var grain = fixture.Cluster.GrainFactory.GetGrain<IConversationGrain>(Guid.NewGuid());

        await Assert.ThrowsAsync<ConversationNotFoundException>(
            () => grain.SendMessageAsync(tenantId, new UserMessage("hello")).WaitAsync(TestTimeouts.Step));
    }

    [Fact]
    public async Task SendMessage_DatabaseRejectsText_ThrowsStorageException()
    {
        var (tenantId, grain, _) = await CreateConversationAsync();

        var exception = await Assert.ThrowsAsync<StorageException>(
            () => grain.SendMessageAsync(tenantId, new UserMessage("nul \0 inside")).WaitAsync(TestTimeouts.Step));

        Assert.False(exception.IsTransient);
        Assert.Equal("22021", exception.SqlState);
    }

    [Fact]
    public async Task Update_Title_RenamesConversation()
    {
        var (tenantId, grain, _) = await CreateConversationAsync();

        await grain.UpdateAsync(tenantId, new ConversationSettings("renamed")).WaitAsync(TestTimeouts.Step);
        var summary = await grain.GetAsync(tenantId).WaitAsync(TestTimeouts.Step);

        Assert.Equal("renamed", summary.Title);
        Assert.Equal("renamed", await ReadTitleAsync(summary.Id));
    }

    [Fact]
    public async Task Delete_Conversation_HiddenThenPurged()
    {
        var (tenantId, grain, _) = await CreateConversationAsync();
        var exchange = await grain.SendMessageAsync(tenantId, new UserMessage("What does VACUUM FULL do?"))
            .WaitAsync(TestTimeouts.Step);

        await grain.DeleteAsync(tenantId).WaitAsync(TestTimeouts.Step);
        var statusBeforePurge = await ReadStatusAsync(exchange.Reply.Id);
        await fixture.Cluster.GrainFactory.GetGrain<IRetentionGrain>(IRetentionGrain.ClusterKey).RunAsync()
            .WaitAsync(TestTimeouts.Step);

        await Assert.ThrowsAsync<ConversationNotFoundException>(() => grain.GetAsync(tenantId).WaitAsync(TestTimeouts.Step));
        Assert.Equal("completed", statusBeforePurge);
        Assert.Null(await ReadStatusAsync(exchange.Reply.Id));
    }

    [Fact]
    public async Task Create_Twice_ThrowsExists()
    {
        var (tenantId, grain, _) = await CreateConversationAsync();

        await Assert.ThrowsAsync<ConversationExistsException>(
            () => grain.CreateAsync(tenantId, new ConversationSettings()).WaitAsync(TestTimeouts.Step));
    }

    [Fact]
    public async Task GetTurns_Paged_ReturnsNewestPageOldestFirst()
    {
        var (tenantId, grain, _) = await CreateConversationAsync();
        foreach (var text in new[] { "What is VACUUM?", "What is an index?", "What is a role?" })
        {
            await grain.SendMessageAsync(tenantId, new UserMessage(text)).WaitAsync(TestTimeouts.Step);
        }

        var newest = await grain.GetTurnsAsync(tenantId, 4, null).WaitAsync(TestTimeouts.Step);
        var older = await grain.GetTurnsAsync(tenantId, 4, newest.NextBefore).WaitAsync(TestTimeouts.Step);

        Assert.Equal([3L, 4L, 5L, 6L], newest.Turns.Select(turn => turn.Sequence));
        Assert.Equal(3, newest.NextBefore);
        Assert.Equal([1L, 2L], older.Turns.Select(turn => turn.Sequence));
        Assert.Null(older.NextBefore);
    }

    [Fact]
    public async Task Usage_AfterExchange_CountsTurnsAndCharacters()
    {
        var tenantId = await TestDatabase.CreateTenantAsync(fixture.DataSource);
        var knowledgeBaseId = Guid.NewGuid();
        await fixture.Cluster.GrainFactory.GetGrain<IKnowledgeBaseGrain>(knowledgeBaseId)
            .CreateAsync(tenantId, "empty").WaitAsync(TestTimeouts.Step);
        var grain = fixture.Cluster.GrainFactory.GetGrain<IConversationGrain>(Guid.NewGuid());
        await grain.CreateAsync(tenantId, new ConversationSettings(KnowledgeBaseId: knowledgeBaseId)).WaitAsync(TestTimeouts.Step);

        var exchange = await grain.SendMessageAsync(tenantId, new UserMessage("twelve chars")).WaitAsync(TestTimeouts.Step);
        var usage = await fixture.Cluster.GrainFactory.GetGrain<ITenantConversationsGrain>(tenantId).GetUsageAsync()
            .WaitAsync(TestTimeouts.Step);

        Assert.Equal(2, usage.Turns);
        Assert.Equal(12, usage.CharactersIn);
        Assert.Equal(exchange.Reply.Text.Length, usage.CharactersOut);
    }

    [Fact]
    public async Task List_ThreeConversations_PagesNewestFirst()
    {
        var tenantId = await TestDatabase.CreateTenantAsync(fixture.DataSource);
        var ids = new List<Guid>();
        for (var index = 0; index < 3; index++)
        {
            var id = Guid.NewGuid();
            await fixture.Cluster.GrainFactory.GetGrain<IConversationGrain>(id)
                .CreateAsync(tenantId, new ConversationSettings($"c{index}")).WaitAsync(TestTimeouts.Step);
            ids.Add(id);
        }

        var tenant = fixture.Cluster.GrainFactory.GetGrain<ITenantConversationsGrain>(tenantId);
        var first = await tenant.ListAsync(2, null).WaitAsync(TestTimeouts.Step);
        var second = await tenant.ListAsync(2, first.Next).WaitAsync(TestTimeouts.Step);

        Assert.Equal([ids[2], ids[1]], first.Conversations.Select(conversation => conversation.Id));
        Assert.Equal([ids[0]], second.Conversations.Select(conversation => conversation.Id));
        Assert.Null(second.Next);
    }

    private async Task<(Guid TenantId, IConversationGrain Grain, ManualKnowledgeBase.Ingested Manual)> CreateConversationAsync()
    {
        var manual = await ManualKnowledgeBase.GetAsync(fixture);
        var grain = fixture.Cluster.GrainFactory.GetGrain<IConversationGrain>(Guid.NewGuid());
        await grain.CreateAsync(manual.TenantId, new ConversationSettings("test", manual.KnowledgeBaseId))
            .WaitAsync(TestTimeouts.Step);
        return (manual.TenantId, grain, manual);
    }

    private static async Task<List<ResponseEvent>> ReadAllAsync(
        IConversationGrain grain, Guid tenantId, Guid responseId, long afterSequence)
    {
        using var timeout = new CancellationTokenSource(TestTimeouts.Step);
        var events = new List<ResponseEvent>();
        await foreach (var responseEvent in grain.ReadResponseAsync(tenantId, responseId, afterSequence, timeout.Token))
        {
            events.Add(responseEvent);
        }

        return events;
    }

    private async Task<string?> ReadStatusAsync(Guid turnId)
    {
        await using var command = fixture.DataSource.CreateCommand("SELECT status FROM conversation_turns WHERE id = $1");
        command.Parameters.Add(new() { Value = turnId });
        return (string?)await command.ExecuteScalarAsync();
    }

    private async Task<string?> ReadTitleAsync(Guid conversationId)
    {
        await using var command = fixture.DataSource.CreateCommand("SELECT title FROM conversations WHERE id = $1");
        command.Parameters.Add(new() { Value = conversationId });
        return (string?)await command.ExecuteScalarAsync();
    }
}
