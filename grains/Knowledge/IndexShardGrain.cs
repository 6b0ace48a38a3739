using Microsoft.Extensions.Logging;
using VoiceHelper.Grains.Logging;
using VoiceHelper.Grains.Persistence;
using VoiceHelper.Knowledge.Index;

namespace VoiceHelper.Grains.Knowledge;

/// <summary>
/// Holds one shard's vectors in an in-memory index, rebuilt from PostgreSQL on activation, so a shard moves to
/// another silo or survives a restart without its own storage.
/// </summary>
public sealed class IndexShardGrain(
    PostgresKnowledgeStore store,
    IVectorIndexFactory indexFactory,
    ILogger<IndexShardGrain> logger) : Grain, IIndexShardGrain
{
    private IVectorIndex? _index;

    private IVectorIndex Index => _index ?? throw new InvalidOperationException("The shard has not been activated.");

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var (knowledgeBaseId, shard) = IndexShardKey.Parse(this.GetPrimaryKeyString());
        var knowledgeBase = await store.GetKnowledgeBaseAsync(knowledgeBaseId, cancellationToken);
        _index = indexFactory.Create();
        if (knowledgeBase is null)
        {
            return;
        }

        var vectors = await store.LoadShardAsync(knowledgeBaseId, shard, knowledgeBase.ShardCount, cancellationToken);
        Index.Upsert(vectors.Select(entry => ((ulong)entry.Id, entry.Vector)).ToList());
        GrainLog.IndexShardLoaded(logger, this.GetPrimaryKeyString(), vectors.Count);
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _index?.Dispose();
        _index = null;
        return Task.CompletedTask;
    }

    public async Task AddAsync(IReadOnlyList<long> chunkIds)
    {
        var vectors = await store.GetEmbeddingsAsync(chunkIds, CancellationToken.None);
        Index.Upsert(vectors.Select(entry => ((ulong)entry.Id, entry.Vector)).ToList());
    }

    public Task RemoveAsync(IReadOnlyList<long> chunkIds)
    {
        Index.Remove(chunkIds.Select(id => (ulong)id).ToArray());
        return Task.CompletedTask;
    }

    public Task ResetAsync()
    {
        _index?.Dispose();
        _index = indexFactory.Create();
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ShardMatch>> SearchAsync(float[] vector, int count)
    {
        IReadOnlyList<ShardMatch> matches = Index.Search(vector, count)
            .Select(match => new ShardMatch((long)match.Key, match.Similarity))
            .ToList();
        return Task.FromResult(matches);
    }
}
