using Orleans.Concurrency;

namespace VoiceHelper.Grains.Conversations;

/// <summary>Reads a tenant's conversation list and usage from PostgreSQL; any silo may run any number of these.</summary>
[StatelessWorker]
public sealed class TenantConversationsGrain(IConversationStore store) : Grain, ITenantConversationsGrain
{
    public async Task<ConversationPage> ListAsync(int limit, ConversationCursor? after)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);

        // One row more than the page shows whether another page follows.
        var rows = await store.ListConversationsAsync(this.GetPrimaryKey(), limit + 1, after, CancellationToken.None);
        var page = rows.Take(limit).ToList();
        var next = rows.Count > limit ? new ConversationCursor(page[^1].LastActivityAt, page[^1].Id) : null;
        return new ConversationPage(page, next);
    }

    public Task<TenantUsage> GetUsageAsync() => store.GetUsageAsync(this.GetPrimaryKey(), CancellationToken.None);

    public Task<IReadOnlyList<DailyUsage>> GetDailyUsageAsync(DateOnly from, DateOnly to)
    {
        if (to < from)
        {
            throw new ArgumentException($"The day range ends on {to:yyyy-MM-dd}, before it starts on {from:yyyy-MM-dd}.", nameof(to));
        }

        return store.GetDailyUsageAsync(this.GetPrimaryKey(), from, to, CancellationToken.None);
    }
}
