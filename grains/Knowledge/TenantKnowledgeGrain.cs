using VoiceHelper.Grains.Persistence;

namespace VoiceHelper.Grains.Knowledge;

/// <summary>Lists a tenant's knowledge bases from PostgreSQL.</summary>
public sealed class TenantKnowledgeGrain(PostgresKnowledgeStore store) : Grain, ITenantKnowledgeGrain
{
    public Task<IReadOnlyList<KnowledgeBaseInfo>> ListAsync() =>
        store.ListKnowledgeBasesAsync(this.GetPrimaryKey(), CancellationToken.None);
}
