using Grpc.Core;
using VoiceHelper.Grains.Knowledge;
using V1 = VoiceHelper.Api.V1;

namespace VoiceHelper.Gateway.Knowledge;

/// <summary>
/// Streams a document's ingestion progress to an Ingest call that asked to wait, until the document is indexed or
/// has failed.
/// </summary>
internal static class IngestProgress
{
    // NOTE: progress is polled from the document's row through its knowledge base grain, because ingestion
    // publishes no events yet. A change reaches the client up to one interval late, and each waiting call costs
    // one PostgreSQL query per interval.
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Sends the document each time its status or embedding progress changes, and returns after sending it as
    /// indexed or failed. <paramref name="sent"/> is the document as the call last sent it.
    /// </summary>
    public static async Task StreamUntilFinalAsync(
        IKnowledgeBaseGrain knowledgeBase, Guid tenantId, DocumentUploadResult sent,
        IServerStreamWriter<V1.IngestResponse> responses, TimeProvider clock, CancellationToken cancellationToken)
    {
        var last = sent.Document;
        while (!IsFinal(last.Status))
        {
            await Task.Delay(PollInterval, clock, cancellationToken);
            var current = await knowledgeBase.GetDocumentAsync(tenantId, last.Id);
            if (HasProgressed(last, current))
            {
                var response = new V1.IngestResponse { Document = current.ToMessage(), Created = sent.Created };
                await responses.WriteAsync(response, cancellationToken);
                last = current;
            }
        }
    }

    private static bool IsFinal(DocumentStatus status) => status is DocumentStatus.Indexed or DocumentStatus.Failed;

    private static bool HasProgressed(DocumentInfo last, DocumentInfo current) =>
        current.Status != last.Status
        || current.ChunksEmbedded != last.ChunksEmbedded
        || current.ChunkCount != last.ChunkCount;
}
