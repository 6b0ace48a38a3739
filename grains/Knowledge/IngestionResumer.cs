using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using VoiceHelper.Grains.Logging;
using VoiceHelper.Grains.Persistence;

namespace VoiceHelper.Grains.Knowledge;

/// <summary>
/// Restarts the ingestion of documents that a stopped silo left unfinished. Every silo does it at start; the
/// ingest grains ignore a start while they run, so overlapping restarts do no harm.
/// </summary>
/// <remarks>
/// NOTE: documents carry no cluster or service id, so two clusters that share one database would resume, and
/// re-chunk, each other's documents. Give every cluster a database of its own.
/// </remarks>
public sealed class IngestionResumer(
    PostgresKnowledgeStore store,
    IGrainFactory grains,
    IHostApplicationLifetime lifetime,
    ILogger<IngestionResumer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Grain calls need the silo to have joined the cluster, which is done when the application has started.
        var started = new TaskCompletionSource();
        using var registration = lifetime.ApplicationStarted.Register(started.SetResult);
        await started.Task.WaitAsync(stoppingToken);

        var unfinished = await store.ListUnfinishedDocumentsAsync(stoppingToken);
        if (unfinished.Count == 0)
        {
            return;
        }

        GrainLog.IngestionResumed(logger, unfinished.Count);
        foreach (var documentId in unfinished)
        {
            await grains.GetGrain<IDocumentIngestGrain>(documentId).StartAsync();
        }
    }
}
