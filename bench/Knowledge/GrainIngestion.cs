using VoiceHelper.Grains.Knowledge;

namespace VoiceHelper.Bench.Knowledge;

/// <summary>
/// The candidate side: uploads pages through <see cref="IKnowledgeBaseGrain.AddDocumentAsync"/> into a new
/// knowledge base, one upload after the other as a bulk-upload client sends them, and polls until every document
/// is indexed.
/// </summary>
internal sealed class GrainIngestion(IClusterClient client, Guid tenantId, IReadOnlyList<ManualPage> pages)
{
    // Polling adds up to this interval to a round's time. Each poll is one grain call and one query.
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    private int _round;

    /// <summary>Creates a knowledge base, uploads every page and returns once all of them are indexed.</summary>
    /// <exception cref="InvalidOperationException">
    /// A document failed, or an upload returned an existing document instead of creating one.
    /// </exception>
    public async Task<IngestedKnowledgeBase> IngestAsync(CancellationToken cancellationToken)
    {
        _round++;
        var knowledgeBase = client.GetGrain<IKnowledgeBaseGrain>(Guid.NewGuid());
        await knowledgeBase.CreateAsync(tenantId, $"bench-ingestion-round-{_round}");
        foreach (var page in pages)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var upload = new DocumentUpload(page.FileName, "text/html", null, page.Content);
            var result = await knowledgeBase.AddDocumentAsync(tenantId, upload);
            if (!result.Created)
            {
                throw new InvalidOperationException(
                    $"Page '{page.FileName}' has the same bytes as another page of the round, so it was not " +
                    "ingested again. Each page must be a distinct file.");
            }
        }

        var documents = await WaitUntilIndexedAsync(knowledgeBase, cancellationToken);
        return new IngestedKnowledgeBase(knowledgeBase.GetPrimaryKey(), documents);
    }

    private async Task<IReadOnlyList<DocumentInfo>> WaitUntilIndexedAsync(
        IKnowledgeBaseGrain knowledgeBase, CancellationToken cancellationToken)
    {
        while (true)
        {
            var documents = await knowledgeBase.ListDocumentsAsync(tenantId);
            if (documents.FirstOrDefault(document => document.Status == DocumentStatus.Failed) is { } failed)
            {
                throw new InvalidOperationException(
                    $"Ingestion of '{failed.FileName}' failed with {failed.ErrorCode}: {failed.ErrorMessage}");
            }

            if (documents.Count == pages.Count && documents.All(document => document.Status == DocumentStatus.Indexed))
            {
                return documents;
            }

            await Task.Delay(PollInterval, cancellationToken);
        }
    }
}
