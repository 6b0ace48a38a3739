namespace VoiceHelper.Grains.Conversations;

/// <summary>A tenant's conversations and usage counters, read from PostgreSQL, keyed by the tenant id.</summary>
[Alias("VoiceHelper.ITenantConversationsGrain")]
public interface ITenantConversationsGrain : IGrainWithGuidKey
{
    /// <summary>Returns up to <paramref name="limit"/> conversations after <paramref name="after"/>, newest activity first.</summary>
    [Alias("List")]
    Task<ConversationPage> ListAsync(int limit, ConversationCursor? after);

    /// <summary>Returns the tenant's usage counters, all zero before its first turn.</summary>
    [Alias("GetUsage")]
    Task<TenantUsage> GetUsageAsync();

    /// <summary>
    /// Returns the tenant's usage per UTC day from <paramref name="from"/> to <paramref name="to"/>, both included,
    /// oldest first. Days without usage, and days whose events the retention job deleted, have no entry.
    /// </summary>
    [Alias("GetDailyUsage")]
    Task<IReadOnlyList<DailyUsage>> GetDailyUsageAsync(DateOnly from, DateOnly to);
}
