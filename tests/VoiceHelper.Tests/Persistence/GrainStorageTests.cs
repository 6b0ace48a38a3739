using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;
using VoiceHelper.Grains;
using VoiceHelper.Grains.Conversations;
using VoiceHelper.Tests.Infrastructure;

namespace VoiceHelper.Tests.Persistence;

/// <summary>Orleans' ADO.NET grain storage against the project's own PostgreSQL statements in <c>db/</c>.</summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Grain")]
public sealed class GrainStorageTests(ClusterFixture fixture)
{
    private const string StateName = "storage-test";

    private IGrainStorage Storage => fixture.Cluster.Primary is InProcessSiloHandle silo
        ? silo.ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageNames.Default)
        : throw new InvalidOperationException("The test cluster's silo is not in this process.");

    [Fact]
    public async Task WriteThenRead_ReturnsWrittenState()
    {
        var grainId = NewGrainId();
        var written = NewState("first");

        await Storage.WriteStateAsync(StateName, grainId, written).WaitAsync(TestTimeouts.Step);
        var read = new GrainState<ConversationState>();
        await Storage.ReadStateAsync(StateName, grainId, read).WaitAsync(TestTimeouts.Step);

        Assert.True(read.RecordExists);
        Assert.Equal("first", read.State?.Title);
        Assert.Equal(written.ETag, read.ETag);
    }

    [Fact]
    public async Task Read_MissingGrain_ReturnsNoRecord()
    {
        var read = new GrainState<ConversationState>();

        await Storage.ReadStateAsync(StateName, NewGrainId(), read).WaitAsync(TestTimeouts.Step);

        Assert.False(read.RecordExists);
        Assert.Null(read.ETag);
    }

    [Fact]
    public async Task Write_StaleETag_ThrowsInconsistentState()
    {
        var grainId = NewGrainId();
        var first = NewState("first");
        await Storage.WriteStateAsync(StateName, grainId, first).WaitAsync(TestTimeouts.Step);
        var stale = NewState("stale");
        stale.ETag = first.ETag;
        await Storage.WriteStateAsync(StateName, grainId, first).WaitAsync(TestTimeouts.Step);

        await Assert.ThrowsAsync<InconsistentStateException>(
            () => Storage.WriteStateAsync(StateName, grainId, stale).WaitAsync(TestTimeouts.Step));
    }

    [Fact]
    public async Task FirstWrites_Racing_LeaveOneReadableRow()
    {
        var grainId = NewGrainId();
        var left = NewState("left");
        var right = NewState("right");
        using var start = new Barrier(2);

        var writes = new[] { left, right }.Select(state => Task.Run(async () =>
        {
            start.SignalAndWait(TestTimeouts.Step);
            await Storage.WriteStateAsync(StateName, grainId, state);
        })).ToArray();
        var outcome = await Task.WhenAll(writes.Select(CaptureAsync)).WaitAsync(TestTimeouts.Step);
        var read = new GrainState<ConversationState>();
        await Storage.ReadStateAsync(StateName, grainId, read).WaitAsync(TestTimeouts.Step);

        Assert.Single(outcome, exception => exception is null);
        Assert.Single(outcome, exception => exception is InconsistentStateException);
        Assert.Equal(1, await CountRowsAsync(grainId));
        Assert.Contains(read.State?.Title, new[] { "left", "right" });
    }

    [Fact]
    public async Task Clear_ThenRead_ReturnsEmptyStateWithNewVersion()
    {
        var grainId = NewGrainId();
        var state = NewState("to clear");
        await Storage.WriteStateAsync(StateName, grainId, state).WaitAsync(TestTimeouts.Step);

        await Storage.ClearStateAsync(StateName, grainId, state).WaitAsync(TestTimeouts.Step);
        var read = new GrainState<ConversationState>();
        await Storage.ReadStateAsync(StateName, grainId, read).WaitAsync(TestTimeouts.Step);

        Assert.Null(read.State?.Title);
        Assert.Equal(state.ETag, read.ETag);
        Assert.NotEqual("1", read.ETag);
    }

    // A key that is not a GUID is stored whole in grain_id_extension, which makes the rows easy to count.
    private static GrainId NewGrainId() => GrainId.Create("storage-test", $"key-{Guid.NewGuid():N}");

    private static GrainState<ConversationState> NewState(string title) =>
        new(new ConversationState { TenantId = Guid.NewGuid(), Title = title, CreatedAt = DateTimeOffset.UnixEpoch });

    private static async Task<Exception?> CaptureAsync(Task task)
    {
        try
        {
            await task;
            return null;
        }
        catch (Exception exception)
        {
            return exception;
        }
    }

    private async Task<long> CountRowsAsync(GrainId grainId)
    {
        await using var command = fixture.DataSource.CreateCommand(
            "SELECT count(*) FROM orleans_grain_state WHERE grain_type = $1 AND grain_id_extension = $2");
        command.Parameters.Add(new() { Value = StateName });
        command.Parameters.Add(new() { Value = grainId.Key.ToString() });
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
